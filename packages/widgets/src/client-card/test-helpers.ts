// Helpers for the client card's browser tests (not part of the package API).
import { createCrm, dexieStore, memoryStore, type Crm } from '@crmkit/core';
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { CrmClientCard } from './crm-client-card.js';
import { defineClientCard } from './crm-client-card.js';

defineClientCard();

/** Wednesday 5 March 2025, 14:30 local time: the injected CRM clock. */
export const NOW = new Date(2025, 2, 5, 14, 30, 0, 0);

export const USERS = [
  { id: 'ann', name: 'Ann Petrova', role: 'manager' as const },
  { id: 'bo', name: 'Bo Chen', role: 'head' as const },
];

/** A CRM over a fresh store (memory, or a uniquely named IndexedDB), with a clock tests move by hand. */
export async function makeCrm(options: { dexie?: boolean; locale?: string } = {}): Promise<{ crm: Crm; clock: { time: Date } }> {
  const clock = { time: new Date(NOW) };
  const crm = await createCrm({
    store: options.dexie ? dexieStore(`t-card-${Math.random().toString(36).slice(2)}`) : memoryStore(),
    automationIntervalMs: false,
    now: () => new Date(clock.time),
    users: USERS,
    currentUser: 'bo',
    locale: options.locale ?? 'en',
  });
  return { crm, clock };
}

/** Mounts a card and waits until it shows the record. */
export async function mount(crm: Crm, record: string, locale = 'en'): Promise<CrmClientCard> {
  const el = await fixture<CrmClientCard>(html`<crm-client-card .crm=${crm} record=${record} locale=${locale}></crm-client-card>`);
  await waitUntil(() => el.shadowRoot?.querySelector('#card-title'), 'the card shows the record');
  return el;
}

/** The first element matching `selector` in the card's shadow root (fails the test if missing). */
export function $<E extends Element = HTMLElement>(el: Element, selector: string): E {
  const found = el.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`no ${selector} in the card`);
  return found;
}

/** Every element matching `selector` in the card's shadow root. */
export function $$<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  return [...(el.shadowRoot?.querySelectorAll<E>(selector) ?? [])];
}

/** Text of the shadow root, whitespace collapsed. */
export function text(el: Element, selector = '.card'): string {
  return ($(el, selector).textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types into an input, select or textarea as a user would (value + input/change events). */
export function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The button whose text (trimmed, collapsed) starts with `label`. */
export function button(el: Element, label: string, scope = ''): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, `${scope} button`).find((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(label));
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

/** Lets pending store writes, change notifications and re-renders settle. */
export async function settle(el: CrmClientCard): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}
