// Every string of @crmkit/plugin-analytics in Uzbek: one module per locale,
// typed by the English one (a missing or misspelt key is a compile error).
import { FUNNEL_REPORT_NAMESPACE } from '../widgets/crm-funnel-report/strings.js';
import { KPIS_NAMESPACE } from '../widgets/crm-kpis/strings.js';
import { REPORT_NAMESPACE } from '../widgets/crm-report/strings.js';
import type { AnalyticsStrings } from './en.js';

/** Uzbek (Latin). */
export const uz: AnalyticsStrings = {
  /** `<crm-funnel-report>`. */
  [FUNNEL_REPORT_NAMESPACE]: {
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
  /** `<crm-kpis>`. */
  [KPIS_NAMESPACE]: {
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
  /** `<crm-report>`. */
  [REPORT_NAMESPACE]: {
    titles: { 'loss-reasons': 'Bitimlar nega yo‘qotiladi', sources: 'Manbalar → daromad', report: 'Hisobot' },
    export: 'CSV yuklab olish', exported: (f) => `${f} saqlandi`, chart: (t) => `Diagramma: ${t}; jadvalda xuddi shu raqamlar`, rows: (n) => `${n} qator`,
    noRows: 'Bu hisobotga mos narsa yo‘q.', loading: 'Hisobot yuklanmoqda…', yes: 'ha', no: 'yo‘q', empty: '(bo‘sh)',
    reason: 'Sabab', count: 'Soni', share: 'Ulushi', value: 'Summa', source: 'Manba', campaign: 'Kampaniya', leads: 'Lidlar', converted: 'Konvertatsiya qilingan', won: 'Yutilgan', revenue: 'Daromad',
  },
};
