import type { ActivityType, RecordType } from '@crmkit/core';
import type { FieldKey } from './fields.js';
import type { QuickDue } from './next-step-times.js';

type Funnel = 'lead' | 'deal';
type Outcome = 'won' | 'lost';

/** Every visible string of the client card, for one locale (namespace `card`; the tables are in `locales/`). @internal */
export interface ClientCardStrings {
  cardLabel: string;
  loading: string;
  noCrm: string;
  /** A typed amount that is not a number. */
  numberInvalid: string;
  /** A typed amount that reads two ways (`1,50` in English), with the locale's decimal and group marks. */
  numberAmbiguous: (input: string, decimal: string, group: string) => string;
  invalidRecord: string;
  notFound: string;
  forbidden: string;
  loadFailed: string;
  retry: string;
  recordTypes: Record<RecordType, string>;
  owner: string;
  whatToDoHere: string;
  statusLabel: (status: 'open' | Outcome) => string;
  untitledLead: string;
  system: string;
  plugin: (name: string) => string;
  // details
  details: string;
  fields: Record<FieldKey, string>;
  otherFields: Record<string, string>;
  notSet: string;
  yes: string;
  no: string;
  edit: string;
  save: string;
  cancel: string;
  saved: (label: string) => string;
  listHint: string;
  conflict: string;
  reload: string;
  reloaded: string;
  theirValue: (value: string) => string;
  // errors
  conflictShort: string;
  forbiddenAction: string;
  refused: (reason: string) => string;
  storageFailed: string;
  unexpected: string;
  // next step
  nextStep: string;
  noNextStep: string;
  noNextStepHint: (type: Funnel) => string;
  nothingScheduled: string;
  closedStatus: (type: Funnel, outcome: Outcome) => string;
  overdue: string;
  assignee: (name: string) => string;
  complete: string;
  activityTypes: Record<ActivityType, string>;
  setNextStep: string;
  addStep: string;
  stepType: string;
  stepTitle: string;
  when: string;
  quick: Record<QuickDue, string>;
  pickDateTime: string;
  dateTime: string;
  schedule: string;
  chooseWhen: string;
  chooseDateTime: string;
  timeInPast: string;
  scheduled: (title: string, when: string) => string;
  completingTitle: (title: string) => string;
  whatHappened: string;
  resultRequired: string;
  whatNext: string;
  followNext: string;
  followNone: string;
  followNoneOtherPending: string;
  chooseFollowUp: string;
  followUpRequired: (type: Funnel) => string;
  finishComplete: string;
  completed: string;
  completedWithNext: (when: string) => string;
  closeRecord: (type: Funnel) => string;
  confirmClose: (type: Funnel) => string;
  outcome: string;
  outcomeLabel: (type: Funnel, outcome: Outcome) => string;
  chooseOutcome: string;
  closedAnnouncement: (type: Funnel, outcome: Outcome) => string;
  closeFailedAfterComplete: (why: string) => string;
  // related
  related: string;
  company: string;
  noCompany: string;
  contactPersons: string;
  contacts: string;
  noContacts: string;
  linkedContact: string;
  noLinkedContact: string;
  deals: string;
  noDeals: string;
  leads: string;
  noLeads: string;
  sourceLead: string;
  convertedDeal: string;
  // timeline
  timeline: string;
  note: string;
  addNote: string;
  noteRequired: string;
  noteAdded: string;
  noHistory: string;
  resultLine: (result: string) => string;
  history: {
    created: (type: RecordType) => string;
    changed: string;
    stage: (from: string, to: string) => string;
    scheduled: string;
    done: string;
    doneAutomatically: string;
    reassigned: (from: string, to: string) => string;
    note: string;
    messageIn: (channel: string) => string;
    messageOut: (channel: string) => string;
    converted: string;
    closed: (type: Funnel, outcome: Outcome) => string;
    removed: string;
    fromLead: string;
  };
}
