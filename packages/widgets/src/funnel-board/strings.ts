
/** Every string `<crm-funnel-board>` shows or announces (namespace `board`; the tables are in `locales/`). */
export interface FunnelBoardStrings {
  /** Accessible name of the whole board. */
  board: (pipeline: string) => string;
  pipeline: string;
  owner: string;
  allOwners: string;
  search: string;
  searchPlaceholder: string;
  loading: string;
  /** Shown (neutral, not an error) while no `crm` is set yet, for up to `crm-timeout` ms: the page is still opening its database. */
  waitingForCrm: string;
  /** Shown instead of the columns when `crm` is still not set after `crm-timeout` ms. */
  noCrm: string;
  /** Shown when the records could not be read. */
  loadFailed: (message: string) => string;
  emptyColumn: string;
  /** "12 deals" / "3 leads": `n` picks the plural form, `shown` is `n` formatted for the locale. */
  count: (n: number, shown: string, entity: 'lead' | 'deal') => string;
  whatToDo: string;
  noDescription: string;
  overdue: (relative: string) => string;
  due: (relative: string) => string;
  noNextStep: string;
  noOwner: string;
  /** Label of a drop zone, e.g. "Drop here: Won". */
  dropZone: (stage: string) => string;
  cardRole: string;
  instructions: string;
  pickedUp: (title: string, stage: string) => string;
  over: (title: string, target: string, position: number, total: number) => string;
  dropped: (title: string, target: string) => string;
  cancelled: (title: string, stage: string) => string;
  refused: (title: string, reason: string) => string;
  refusedBy: (plugin: string) => string;
  conflict: (title: string) => string;
  failed: (title: string, message: string) => string;
  dismiss: string;
}
