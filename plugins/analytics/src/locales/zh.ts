// Every string of @crmkit/plugin-analytics in Chinese: one module per locale,
// typed by the English one (a missing or misspelt key is a compile error).
import { FUNNEL_REPORT_NAMESPACE } from '../widgets/crm-funnel-report/strings.js';
import { KPIS_NAMESPACE } from '../widgets/crm-kpis/strings.js';
import { REPORT_NAMESPACE } from '../widgets/crm-report/strings.js';
import type { AnalyticsStrings } from './en.js';

/** Chinese (Simplified). */
export const zh: AnalyticsStrings = {
  /** `<crm-funnel-report>`. */
  [FUNNEL_REPORT_NAMESPACE]: {
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
  /** `<crm-kpis>`. */
  [KPIS_NAMESPACE]: {
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
  /** `<crm-report>`. */
  [REPORT_NAMESPACE]: {
    titles: { 'loss-reasons': '丢单原因', sources: '来源 → 收入', report: '报表' },
    export: '导出 CSV', exported: (f) => `已保存 ${f}`, chart: (t) => `图表：${t}；表格中有相同数据`, rows: (n) => `${n} 行`,
    noRows: '没有符合此报表条件的数据。', loading: '正在加载报表…', yes: '是', no: '否', empty: '（空）',
    reason: '原因', count: '数量', share: '占比', value: '金额', source: '来源', campaign: '活动', leads: '线索', converted: '已转化', won: '赢单', revenue: '收入',
  },
};
