/** Money per currency (ISO 4217 code → amount). Currencies are never added together. */
export type Money = Record<string, number>;

/** A half-open period `[from, to)`: `from` is included, `to` is not. */
export interface Period {
  /** First instant included. */
  from: Date | string;
  /** First instant no longer included. */
  to: Date | string;
}

/** How the funnel counts a record at a stage. */
export type FunnelMode = 'reached' | 'entered' | 'snapshot';

/** Query of `analytics.funnel`. */
export interface FunnelQuery extends Period {
  /** The pipeline (a lead or deal pipeline). */
  pipelineId: string;
  /** `reached` (default), `entered` or `snapshot`. */
  mode?: FunnelMode;
}

/** One open stage of a funnel result. */
export interface FunnelStage {
  /** Stage id. */
  stageId: string;
  /** Stage name in the CRM's locale. */
  name: string;
  /** Records counted at this stage (see the mode). */
  count: number;
  /** `count` of the next stage ÷ this `count` (the last open stage converts to won); `null` when this count is 0 or in `snapshot` mode. */
  conversion: number | null;
  /** This `count` ÷ the first stage's `count`; `null` when the first count is 0 or in `snapshot` mode. */
  cumulative: number | null;
  /** Σ amount of the records counted here, per currency. */
  value: Money;
}

/** Result of `analytics.funnel`. */
export interface FunnelResult {
  /** The pipeline. */
  pipelineId: string;
  /** The mode used. */
  mode: FunnelMode;
  /** Open stages in funnel order. */
  stages: FunnelStage[];
  /** Cohort records won now. */
  won: number;
  /** Cohort records lost now. */
  lost: number;
  /** Cohort records still open. */
  open: number;
  /** Cohort size (records created in the period). */
  total: number;
}

/** Query of `analytics.metrics`, `analytics.lossReasons`. */
export interface PipelineQuery extends Period {
  /** One pipeline; omit for every deal pipeline. */
  pipelineId?: string;
}

/** Result of `analytics.metrics`. */
export interface MetricsResult {
  /** Deals won in the period. */
  won: number;
  /** Deals lost in the period. */
  lost: number;
  /** won ÷ (won + lost) over deals closed in the period; `null` when none closed. */
  winRate: number | null;
  /** Per currency: Σ amount ÷ number of deals won in the period (deals with an amount). */
  averageDealSize: Money;
  /** Mean days from creation to win over deals won in the period; `null` when none. */
  cycleDays: number | null;
  /** Deals open now. */
  open: number;
  /** Per currency: open deals × winRate × averageDealSize ÷ cycleDays (a cycle under a day counts as one day). */
  velocityPerDay: Money;
  /** Per currency: Σ amount × stage probability over open deals. */
  weightedPipeline: Money;
}

/** One row of `analytics.lossReasons`. */
export interface LossReasonRow {
  /** Loss reason id (`''` when a record was closed without one). */
  reasonId: string;
  /** The reason's name in the CRM's locale. */
  name: string;
  /** Records lost in the period with this reason. */
  count: number;
  /** count ÷ all lost in the period. */
  share: number;
  /** Σ amount lost, per currency. */
  value: Money;
}

/** One row of `analytics.sources`. */
export interface SourceRow {
  /** `source.utm.source`, else `source.channel`, else `''`. */
  source: string;
  /** `source.utm.campaign`, or `''`. */
  campaign: string;
  /** Leads created in the period. */
  leads: number;
  /** Of those, converted into a deal. */
  converted: number;
  /** Of those, whose deal is won. */
  won: number;
  /** Σ amount of those won deals, per currency. */
  revenue: Money;
}

/** One row of `analytics.managers`. */
export interface ManagerRow {
  /** The owner. */
  userId: string;
  /** The user's name (the id for unknown users). */
  name: string;
  /** Leads created in the period they own. */
  leads: number;
  /** Deals they own won in the period. */
  won: number;
  /** Deals they own lost in the period. */
  lost: number;
  /** Σ amount of those won deals, per currency. */
  revenue: Money;
  /** won ÷ (won + lost) of their deals closed in the period; `null` when none. */
  winRate: number | null;
  /** Next steps assigned to them completed in the period. */
  activitiesDone: number;
  /** Their pending next steps past due now. */
  overdue: number;
  /** Their open leads and deals with no pending next step now. */
  missingNextStep: number;
}

