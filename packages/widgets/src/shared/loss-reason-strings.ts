/** The kind of record being closed: a lead is closed as junk, a deal as lost. */
export type LossRecordKind = 'lead' | 'deal';

/** Every string of the shared loss-reason form (namespace `lossReason`; the tables are in `locales/`). */
export interface LossReasonFormStrings {
  /** The form's heading: "Why is “X” junk?" for a lead, "Why was “X” lost?" for a deal. */
  title: (recordTitle: string, kind: LossRecordKind) => string;
  /** Legend of the reason choices. */
  reason: string;
  /** Label of the comment box when a comment is optional. */
  comment: string;
  /** Label of the comment box when the chosen reason (such as "Other") needs one. */
  commentRequiredLabel: string;
  /** Error: no reason chosen. */
  chooseReason: string;
  /** Error: the chosen reason needs a comment and none was written. */
  commentRequired: string;
  /** Shown when the pipeline has no loss reasons configured (the record cannot be closed). */
  noReasons: (kind: LossRecordKind) => string;
  cancel: string;
  /** The confirm button: "Close as junk" / "Close as lost". */
  confirm: (kind: LossRecordKind) => string;
}
