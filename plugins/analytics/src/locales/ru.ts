// Every string of @crmkit/plugin-analytics in Russian: one module per locale,
// typed by the English one (a missing or misspelt key is a compile error).
import { FUNNEL_REPORT_NAMESPACE } from '../widgets/crm-funnel-report/strings.js';
import { KPIS_NAMESPACE } from '../widgets/crm-kpis/strings.js';
import { REPORT_NAMESPACE } from '../widgets/crm-report/strings.js';
import type { AnalyticsStrings } from './en.js';

/** Russian. */
export const ru: AnalyticsStrings = {
  /** `<crm-funnel-report>`. */
  [FUNNEL_REPORT_NAMESPACE]: {
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
  /** `<crm-kpis>`. */
  [KPIS_NAMESPACE]: {
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
  /** `<crm-report>`. */
  [REPORT_NAMESPACE]: {
    titles: { 'loss-reasons': 'Почему проигрываем сделки', sources: 'Источники → выручка', report: 'Отчёт' },
    export: 'Скачать CSV', exported: (f) => `Сохранено: ${f}`, chart: (t) => `Диаграмма: ${t}; те же цифры — в таблице`, rows: (n) => `Строк: ${n}`,
    noRows: 'Под условия отчёта ничего не подходит.', loading: 'Загружаем отчёт…', yes: 'да', no: 'нет', empty: '(пусто)',
    reason: 'Причина', count: 'Количество', share: 'Доля', value: 'Сумма', source: 'Источник', campaign: 'Кампания', leads: 'Лиды', converted: 'Конвертировано', won: 'Выиграно', revenue: 'Выручка',
  },
};
