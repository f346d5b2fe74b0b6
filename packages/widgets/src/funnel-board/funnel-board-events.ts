import type { Deal, Lead, Stage } from '@crmkit/core';

/** `detail` of `crm-stage-change`: a card is about to move (cancel the event to keep it where it is). */
export interface StageChangeDetail {
  /** The lead or deal as the board last saw it. */
  record: Lead | Deal;
  /** `lead` or `deal`. */
  recordType: 'lead' | 'deal';
  /** The stage it is in. */
  from: Stage;
  /** The stage it is to enter (an open stage, or the won/lost stage). */
  to: Stage;
  /** Loss reason id when `to` is a lost stage. */
  reason?: string;
  /** Loss comment, when given. */
  comment?: string;
}

/** `detail` of `crm-card-open`: the user opened a card (click or Enter). */
export interface CardOpenDetail {
  /** `lead` or `deal`. */
  recordType: 'lead' | 'deal';
  /** The record's id. */
  id: string;
}

/** `detail` of `crm-pipeline-change`: the user picked another pipeline in the switcher. */
export interface PipelineChangeDetail {
  /** The pipeline now shown. */
  pipelineId: string;
}

/** Options of `CrmFunnelBoard.moveCard`. */
export interface MoveCardOptions {
  /** Loss reason id (moving to a lost stage without one opens the reason dialog). */
  reason?: string;
  /** Loss comment. */
  comment?: string;
}
