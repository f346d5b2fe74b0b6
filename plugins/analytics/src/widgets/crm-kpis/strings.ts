
/** Every string `<crm-kpis>` shows (namespace {@link KPIS_NAMESPACE}; the tables are in `src/locales/`). */
export interface KpisStrings {
  title: string;
  winRate: string;
  averageDealSize: string;
  cycleDays: string;
  /** A number of days (formatted). */
  days: (n: string) => string;
  open: string;
  won: string;
  lost: string;
  velocity: string;
  /** Money per day (formatted). */
  perDay: (money: string) => string;
  weighted: string;
  managers: string;
  manager: string;
  leads: string;
  revenue: string;
  activitiesDone: string;
  overdue: string;
  missingNextStep: string;
  chart: string;
  loading: string;
}

/** The translation registry namespace of these strings (the tables are in `src/locales/`). */
export const KPIS_NAMESPACE = 'crm-kpis';
