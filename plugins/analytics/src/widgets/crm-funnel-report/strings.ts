import { registerTranslation } from '@crmkit/widgets';
import type { FunnelMode } from '../../types.js';
import type { StringTables } from '../shared/widget-locale.js';

/** Every string `<crm-funnel-report>` shows. */
export interface FunnelReportStrings {
  /** Heading, with the pipeline name. */
  title: (pipeline: string) => string;
  mode: string;
  modes: Record<FunnelMode, string>;
  stage: string;
  count: string;
  conversion: string;
  cumulative: string;
  value: string;
  /** Title of the chart image. */
  chart: (pipeline: string, mode: string) => string;
  /** One line about the cohort (formatted counts). */
  summary: (total: string, won: string, lost: string, open: string) => string;
  loading: string;
  empty: string;
}

/** The strings in the five languages. */
export const FUNNEL_REPORT_STRINGS: StringTables<FunnelReportStrings> = {
  en: {
    title: (p) => `Funnel: ${p}`,
    mode: 'Count records',
    modes: { reached: 'that reached a stage', entered: 'that entered a stage', snapshot: 'where they are now' },
    stage: 'Stage',
    count: 'Records',
    conversion: 'To next stage',
    cumulative: 'Of the first stage',
    value: 'Value',
    chart: (p, m) => `Funnel chart of ${p}, records ${m}; the table below has the same figures`,
    summary: (t, w, l, o) => `Created in the period: ${t}. Won: ${w}, lost: ${l}, still open: ${o}.`,
    loading: 'Loading the funnel…',
    empty: 'No records were created in this period.',
  },
  ru: {
    title: (p) => `Воронка: ${p}`,
    mode: 'Считать записи',
    modes: { reached: 'дошедшие до стадии', entered: 'побывавшие на стадии', snapshot: 'по текущей стадии' },
    stage: 'Стадия',
    count: 'Записей',
    conversion: 'В следующую стадию',
    cumulative: 'От первой стадии',
    value: 'Сумма',
    chart: (p, m) => `Диаграмма воронки «${p}», записи ${m}; те же цифры — в таблице ниже`,
    summary: (t, w, l, o) => `Создано за период: ${t}. Выиграно: ${w}, проиграно: ${l}, в работе: ${o}.`,
    loading: 'Загружаем воронку…',
    empty: 'За этот период записей не создано.',
  },
  zh: {
    title: (p) => `漏斗：${p}`,
    mode: '统计记录',
    modes: { reached: '到达过该阶段的', entered: '进入过该阶段的', snapshot: '当前所在阶段的' },
    stage: '阶段',
    count: '记录数',
    conversion: '转入下一阶段',
    cumulative: '占第一阶段',
    value: '金额',
    chart: (p, m) => `${p} 的漏斗图，统计${m}记录；下表列出相同数据`,
    summary: (t, w, l, o) => `本期创建：${t}。赢单：${w}，丢单：${l}，进行中：${o}。`,
    loading: '正在加载漏斗…',
    empty: '本期没有创建记录。',
  },
  mn: {
    title: (p) => `Борлуулалтын шугам: ${p}`,
    mode: 'Бичлэг тоолох',
    modes: { reached: 'үе шатанд хүрсэн', entered: 'үе шатанд орсон', snapshot: 'одоо байгаа үе шатаар' },
    stage: 'Үе шат',
    count: 'Бичлэг',
    conversion: 'Дараагийн үе шат руу',
    cumulative: 'Эхний үе шатнаас',
    value: 'Дүн',
    chart: (p, m) => `${p} шугамын диаграмм, ${m} бичлэг; ижил тоог доорх хүснэгтэд харуулав`,
    summary: (t, w, l, o) => `Хугацаанд үүссэн: ${t}. Амжилттай: ${w}, алдсан: ${l}, нээлттэй: ${o}.`,
    loading: 'Шугамыг ачаалж байна…',
    empty: 'Энэ хугацаанд бичлэг үүсээгүй.',
  },
  uz: {
    title: (p) => `Voronka: ${p}`,
    mode: 'Yozuvlarni sanash',
    modes: { reached: 'bosqichga yetganlar', entered: 'bosqichga kirganlar', snapshot: 'hozirgi bosqich bo‘yicha' },
    stage: 'Bosqich',
    count: 'Yozuvlar',
    conversion: 'Keyingi bosqichga',
    cumulative: 'Birinchi bosqichdan',
    value: 'Summa',
    chart: (p, m) => `«${p}» voronkasi diagrammasi, ${m} yozuvlar; xuddi shu raqamlar quyidagi jadvalda`,
    summary: (t, w, l, o) => `Davrda yaratilgan: ${t}. Yutilgan: ${w}, yo‘qotilgan: ${l}, ochiq: ${o}.`,
    loading: 'Voronka yuklanmoqda…',
    empty: 'Bu davrda yozuv yaratilmagan.',
  },
};

/** The translation registry namespace of these strings. */
export const FUNNEL_REPORT_NAMESPACE = 'crm-funnel-report';

let registered = false;

/** Registers the five languages in the widget translation registry (once; an app's own `registerTranslation` calls made later override single keys). */
export function registerFunnelReportStrings(): void {
  if (registered) return;
  registered = true;
  for (const [locale, strings] of Object.entries(FUNNEL_REPORT_STRINGS)) registerTranslation(locale, { [FUNNEL_REPORT_NAMESPACE]: strings });
}
