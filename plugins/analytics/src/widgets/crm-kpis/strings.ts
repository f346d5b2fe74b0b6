import { registerTranslation } from '@crmkit/widgets';
import type { StringTables } from '../shared/widget-locale.js';

/** Every string `<crm-kpis>` shows. */
export interface KpisStrings {
  title: string;
  winRate: string;
  averageDealSize: string;
  cycleDays: string;
  /** A number of days (formatted). */
  days: (n: string) => string;
  open: string;
  won: string;
  lost: string;
  velocity: string;
  /** Money per day (formatted). */
  perDay: (money: string) => string;
  weighted: string;
  managers: string;
  manager: string;
  leads: string;
  revenue: string;
  activitiesDone: string;
  overdue: string;
  missingNextStep: string;
  chart: string;
  loading: string;
}

/** The strings in the five languages. */
export const KPIS_STRINGS: StringTables<KpisStrings> = {
  en: {
    title: 'Key figures',
    winRate: 'Win rate',
    averageDealSize: 'Average deal',
    cycleDays: 'Sales cycle',
    days: (n) => `${n} days`,
    open: 'Open deals',
    won: 'Won',
    lost: 'Lost',
    velocity: 'Sales velocity',
    perDay: (m) => `${m} a day`,
    weighted: 'Weighted pipeline',
    managers: 'By manager',
    manager: 'Manager',
    leads: 'Leads',
    revenue: 'Revenue',
    activitiesDone: 'Steps done',
    overdue: 'Overdue steps',
    missingNextStep: 'No next step',
    chart: 'Deals won by manager; the table has the same figures',
    loading: 'Loading the figures…',
  },
  ru: {
    title: 'Ключевые показатели',
    winRate: 'Доля выигранных',
    averageDealSize: 'Средний чек',
    cycleDays: 'Цикл сделки',
    days: (n) => `${n} дн.`,
    open: 'Открытых сделок',
    won: 'Выиграно',
    lost: 'Проиграно',
    velocity: 'Скорость продаж',
    perDay: (m) => `${m} в день`,
    weighted: 'Взвешенная воронка',
    managers: 'По менеджерам',
    manager: 'Менеджер',
    leads: 'Лиды',
    revenue: 'Выручка',
    activitiesDone: 'Выполнено шагов',
    overdue: 'Просрочено шагов',
    missingNextStep: 'Без следующего шага',
    chart: 'Выигранные сделки по менеджерам; те же цифры — в таблице',
    loading: 'Загружаем показатели…',
  },
  zh: {
    title: '关键指标',
    winRate: '赢单率',
    averageDealSize: '平均交易额',
    cycleDays: '销售周期',
    days: (n) => `${n} 天`,
    open: '进行中的交易',
    won: '赢单',
    lost: '丢单',
    velocity: '销售速度',
    perDay: (m) => `每天 ${m}`,
    weighted: '加权销售额',
    managers: '按销售经理',
    manager: '经理',
    leads: '线索',
    revenue: '收入',
    activitiesDone: '已完成步骤',
    overdue: '逾期步骤',
    missingNextStep: '无下一步',
    chart: '各经理赢单数；表格中有相同数据',
    loading: '正在加载指标…',
  },
  mn: {
    title: 'Гол үзүүлэлтүүд',
    winRate: 'Амжилтын хувь',
    averageDealSize: 'Дундаж хэлцэл',
    cycleDays: 'Борлуулалтын мөчлөг',
    days: (n) => `${n} өдөр`,
    open: 'Нээлттэй хэлцэл',
    won: 'Амжилттай',
    lost: 'Алдсан',
    velocity: 'Борлуулалтын хурд',
    perDay: (m) => `өдөрт ${m}`,
    weighted: 'Жигнэсэн шугам',
    managers: 'Менежерээр',
    manager: 'Менежер',
    leads: 'Боломжит харилцагч',
    revenue: 'Орлого',
    activitiesDone: 'Хийсэн алхам',
    overdue: 'Хугацаа хэтэрсэн',
    missingNextStep: 'Дараагийн алхамгүй',
    chart: 'Менежер бүрийн амжилттай хэлцэл; ижил тоо хүснэгтэд бий',
    loading: 'Үзүүлэлтүүдийг ачаалж байна…',
  },
  uz: {
    title: 'Asosiy ko‘rsatkichlar',
    winRate: 'Yutish ulushi',
    averageDealSize: 'O‘rtacha bitim',
    cycleDays: 'Savdo sikli',
    days: (n) => `${n} kun`,
    open: 'Ochiq bitimlar',
    won: 'Yutilgan',
    lost: 'Yo‘qotilgan',
    velocity: 'Savdo tezligi',
    perDay: (m) => `kuniga ${m}`,
    weighted: 'Vaznli voronka',
    managers: 'Menejerlar bo‘yicha',
    manager: 'Menejer',
    leads: 'Lidlar',
    revenue: 'Daromad',
    activitiesDone: 'Bajarilgan qadamlar',
    overdue: 'Muddati o‘tgan',
    missingNextStep: 'Keyingi qadamsiz',
    chart: 'Menejerlar bo‘yicha yutilgan bitimlar; jadvalda xuddi shu raqamlar',
    loading: 'Ko‘rsatkichlar yuklanmoqda…',
  },
};

/** The translation registry namespace of these strings. */
export const KPIS_NAMESPACE = 'crm-kpis';

let registered = false;

/** Registers the five languages in the widget translation registry (once; an app's own `registerTranslation` calls made later override single keys). */
export function registerKpisStrings(): void {
  if (registered) return;
  registered = true;
  for (const [locale, strings] of Object.entries(KPIS_STRINGS)) registerTranslation(locale, { [KPIS_NAMESPACE]: strings });
}
