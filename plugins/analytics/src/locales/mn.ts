// Every string of @crmkit/plugin-analytics in Mongolian: one module per locale,
// typed by the English one (a missing or misspelt key is a compile error).
import { FUNNEL_REPORT_NAMESPACE } from '../widgets/crm-funnel-report/strings.js';
import { KPIS_NAMESPACE } from '../widgets/crm-kpis/strings.js';
import { REPORT_NAMESPACE } from '../widgets/crm-report/strings.js';
import type { AnalyticsStrings } from './en.js';

/** Mongolian (Cyrillic). */
export const mn: AnalyticsStrings = {
  /** `<crm-funnel-report>`. */
  [FUNNEL_REPORT_NAMESPACE]: {
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
  /** `<crm-kpis>`. */
  [KPIS_NAMESPACE]: {
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
  /** `<crm-report>`. */
  [REPORT_NAMESPACE]: {
    titles: { 'loss-reasons': 'Хэлцэл алдсан шалтгаан', sources: 'Эх сурвалж → орлого', report: 'Тайлан' },
    export: 'CSV татах', exported: (f) => `${f} хадгалсан`, chart: (t) => `Диаграмм: ${t}; ижил тоо хүснэгтэд бий`, rows: (n) => `${n} мөр`,
    noRows: 'Энэ тайланд тохирох зүйл алга.', loading: 'Тайланг ачаалж байна…', yes: 'тийм', no: 'үгүй', empty: '(хоосон)',
    reason: 'Шалтгаан', count: 'Тоо', share: 'Хувь', value: 'Дүн', source: 'Эх сурвалж', campaign: 'Кампанит ажил', leads: 'Боломжит харилцагч', converted: 'Хөрвүүлсэн', won: 'Амжилттай', revenue: 'Орлого',
  },
};
