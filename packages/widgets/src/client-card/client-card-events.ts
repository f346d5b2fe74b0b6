import type { Activity, Deal, Lead, RecordType } from '@crmkit/core';
import type { CardRecord } from './card-data.js';

/** `detail` of `crm-record-updated`: a field edit on the card was saved. */
export interface RecordUpdatedDetail {
  /** `contact`, `company`, `lead` or `deal`. */
  recordType: RecordType;
  /** The record as stored after the save. */
  record: CardRecord;
}

/** `detail` of `crm-next-step-scheduled`: the card scheduled a next step (on its own or when completing one). */
export interface NextStepScheduledDetail {
  /** The new pending step. */
  activity: Activity;
}

/** `detail` of `crm-record-closed`: the card closed a lead or deal. */
export interface RecordClosedDetail {
  /** `lead` or `deal`. */
  recordType: 'lead' | 'deal';
  /** The record after closing (a converted lead carries `convertedTo`). */
  record: Lead | Deal;
  /** `won` (a deal won, a lead converted) or `lost` (a deal lost, a lead junked). */
  outcome: 'won' | 'lost';
  /** Loss reason id from the pipeline's list, when lost. */
  reason?: string;
  /** The comment given with the reason. */
  comment?: string;
}

/** `detail` of `crm-card-open`: a related record was chosen on the card (cancel the event to stop the card from showing it). */
export interface ClientCardOpenDetail {
  /** The chosen record's type. */
  recordType: RecordType;
  /** Its id. */
  id: string;
}

declare global {
  interface HTMLElementEventMap {
    'crm-record-updated': CustomEvent<RecordUpdatedDetail>;
    'crm-next-step-scheduled': CustomEvent<NextStepScheduledDetail>;
    'crm-record-closed': CustomEvent<RecordClosedDetail>;
  }
}
