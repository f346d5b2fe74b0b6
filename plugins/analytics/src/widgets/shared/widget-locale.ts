import type { Locale } from '@crmkit/core';

/** One complete string table per locale; TypeScript checks every locale has every key. */
export type StringTables<T> = Readonly<Record<Locale, T>>;
