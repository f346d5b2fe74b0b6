import type { Crm } from '@crmkit/core';
import type { CardData, CardRecord } from './card-data.js';
import type { ClientCardStrings } from './client-card-strings.js';

/** What the card's parts (details editor, next-step panel, timeline) need from the card element. @internal */
export interface CardHost {
  /** The CRM. */
  readonly crm: Crm | undefined;
  /** What the card shows now; `undefined` until loaded. */
  readonly data: CardData | undefined;
  /** The locale the card speaks. */
  readonly uiLocale: string;
  /** The strings of that locale. */
  readonly t: ClientCardStrings;
  /** Re-renders the card. */
  requestUpdate(): void;
  /** Replaces the shown record with a fresher copy (after a save, before the live reload arrives). */
  setRecord(record: CardRecord): void;
  /** Says something to screen-reader users (polite live region). */
  announce(message: string): void;
  /** Dispatches a bubbling, composed `crm-*` event; returns false when it was cancelled. */
  fire(type: string, detail: unknown, cancelable?: boolean): boolean;
  /** Focuses the first element matching `selector` in the card after the next render. */
  focusLater(selector: string): void;
  /** A user's display name. */
  userName(id: string): string;
  /** A localised sentence for an unexpected error. */
  errorText(error: unknown): string;
}
