import { registerTranslation } from '@crmkit/widgets';
import type { StringTables } from '../shared/widget-locale.js';
import type { PresetLabels } from './presets.js';

/** Every string `<crm-report>` shows. */
export interface ReportStrings extends PresetLabels {
  titles: { 'loss-reasons': string; sources: string; report: string };
  export: string;
  /** Announced after a download. */
  exported: (file: string) => string;
  /** Title of the chart image. */
  chart: (title: string) => string;
  /** Row count in the caption (formatted). */
  rows: (n: string) => string;
  noRows: string;
  loading: string;
  yes: string;
  no: string;
  empty: string;
}

/** The strings in the five languages. */
export const REPORT_STRINGS: StringTables<ReportStrings> = {
  en: {
    titles: { 'loss-reasons': 'Why deals are lost', sources: 'Sources → revenue', report: 'Report' },
    export: 'Export CSV', exported: (f) => `Saved ${f}`, chart: (t) => `Chart: ${t}; the table has the same figures`, rows: (n) => `${n} rows`,
    noRows: 'Nothing matches this report.', loading: 'Loading the report…', yes: 'yes', no: 'no', empty: '(empty)',
    reason: 'Reason', count: 'Count', share: 'Share', value: 'Value', source: 'Source', campaign: 'Campaign', leads: 'Leads', converted: 'Converted', won: 'Won', revenue: 'Revenue',
  },
  ru: {
    titles: { 'loss-reasons': 'Почему проигрываем сделки', sources: 'Источники → выручка', report: 'Отчёт' },
    export: 'Скачать CSV', exported: (f) => `Сохранено: ${f}`, chart: (t) => `Диаграмма: ${t}; те же цифры — в таблице`, rows: (n) => `Строк: ${n}`,
    noRows: 'Под условия отчёта ничего не подходит.', loading: 'Загружаем отчёт…', yes: 'да', no: 'нет', empty: '(пусто)',
    reason: 'Причина', count: 'Количество', share: 'Доля', value: 'Сумма', source: 'Источник', campaign: 'Кампания', leads: 'Лиды', converted: 'Конвертировано', won: 'Выиграно', revenue: 'Выручка',
  },
  zh: {
    titles: { 'loss-reasons': '丢单原因', sources: '来源 → 收入', report: '报表' },
    export: '导出 CSV', exported: (f) => `已保存 ${f}`, chart: (t) => `图表：${t}；表格中有相同数据`, rows: (n) => `${n} 行`,
    noRows: '没有符合此报表条件的数据。', loading: '正在加载报表…', yes: '是', no: '否', empty: '（空）',
    reason: '原因', count: '数量', share: '占比', value: '金额', source: '来源', campaign: '活动', leads: '线索', converted: '已转化', won: '赢单', revenue: '收入',
  },
  mn: {
    titles: { 'loss-reasons': 'Хэлцэл алдсан шалтгаан', sources: 'Эх сурвалж → орлого', report: 'Тайлан' },
    export: 'CSV татах', exported: (f) => `${f} хадгалсан`, chart: (t) => `Диаграмм: ${t}; ижил тоо хүснэгтэд бий`, rows: (n) => `${n} мөр`,
    noRows: 'Энэ тайланд тохирох зүйл алга.', loading: 'Тайланг ачаалж байна…', yes: 'тийм', no: 'үгүй', empty: '(хоосон)',
    reason: 'Шалтгаан', count: 'Тоо', share: 'Хувь', value: 'Дүн', source: 'Эх сурвалж', campaign: 'Кампанит ажил', leads: 'Боломжит харилцагч', converted: 'Хөрвүүлсэн', won: 'Амжилттай', revenue: 'Орлого',
  },
  uz: {
    titles: { 'loss-reasons': 'Bitimlar nega yo‘qotiladi', sources: 'Manbalar → daromad', report: 'Hisobot' },
    export: 'CSV yuklab olish', exported: (f) => `${f} saqlandi`, chart: (t) => `Diagramma: ${t}; jadvalda xuddi shu raqamlar`, rows: (n) => `${n} qator`,
    noRows: 'Bu hisobotga mos narsa yo‘q.', loading: 'Hisobot yuklanmoqda…', yes: 'ha', no: 'yo‘q', empty: '(bo‘sh)',
    reason: 'Sabab', count: 'Soni', share: 'Ulushi', value: 'Summa', source: 'Manba', campaign: 'Kampaniya', leads: 'Lidlar', converted: 'Konvertatsiya qilingan', won: 'Yutilgan', revenue: 'Daromad',
  },
};

/** The translation registry namespace of these strings. */
export const REPORT_NAMESPACE = 'crm-report';

let registered = false;

/** Registers the five languages in the widget translation registry (once; an app's own `registerTranslation` calls made later override single keys). */
export function registerReportStrings(): void {
  if (registered) return;
  registered = true;
  for (const [locale, strings] of Object.entries(REPORT_STRINGS)) registerTranslation(locale, { [REPORT_NAMESPACE]: strings });
}
