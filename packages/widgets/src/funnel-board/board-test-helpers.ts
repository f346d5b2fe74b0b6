// Shared set-up of the funnel board's browser tests: a CRM on a fixed clock, a
// mounted board, queries into its shadow root and pointer/keyboard helpers.
import { aTimeout, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, memoryStore, type Crm, type CrmOptions, type Deal } from '@crmkit/core';
import type { CrmFunnelBoard } from './crm-funnel-board.js';
import { defineFunnelBoard } from './crm-funnel-board.js';

defineFunnelBoard();
defineFunnelBoard();

export const NOW = new Date('2025-03-10T09:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const USERS = [
  { id: 'ann', name: 'Ann Lee', role: 'head' as const },
  { id: 'bob', name: 'Bob Stone', role: 'manager' as const },
];

const crms: Crm[] = [];
afterEach(async () => {
  for (const crm of crms.splice(0)) await crm.close().catch(() => undefined);
});

export async function makeCrm(options: CrmOptions = {}): Promise<Crm> {
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, now: () => NOW, users: USERS, currentUser: 'ann', ...options });
  crms.push(crm);
  return crm;
}

export async function mount(crm: Crm, attrs: { pipeline?: string; locale?: string } = {}): Promise<CrmFunnelBoard> {
  const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline=${attrs.pipeline ?? 'sales'} locale=${attrs.locale ?? 'en'}></crm-funnel-board>`);
  await waitUntil(() => board.shadowRoot!.querySelector('.columns'), 'board did not render');
  await board.updateComplete;
  return board;
}

export const $ = <T extends Element = HTMLElement>(board: CrmFunnelBoard, sel: string) => board.shadowRoot!.querySelector<T & Element>(sel) as T;
export const $$ = (board: CrmFunnelBoard, sel: string) => [...board.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
export const column = (board: CrmFunnelBoard, stage: string) => $(board, `section[data-drop="${stage}"]`);
export const cardTitles = (board: CrmFunnelBoard, stage: string) => [...column(board, stage).querySelectorAll('[part~="card-title"]')].map((e) => e.textContent);
export const card = (board: CrmFunnelBoard, title: string) => $$(board, '.card').find((c) => c.querySelector('.title')?.textContent === title)!;
export const announced = (board: CrmFunnelBoard) => $(board, '[aria-live]').textContent ?? '';

export async function settle(board: CrmFunnelBoard): Promise<void> {
  await aTimeout(30);
  await new Promise((r) => requestAnimationFrame(r));
  await board.updateComplete;
}

export function key(el: HTMLElement, k: string): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
}

export function center(el: Element): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 40) };
}

export function pointerDrag(from: HTMLElement, to: Element): void {
  const a = center(from);
  const b = center(to);
  const opts = { bubbles: true, composed: true, pointerId: 1, button: 0, isPrimary: true };
  from.dispatchEvent(new PointerEvent('pointerdown', { ...opts, clientX: a.x, clientY: a.y }));
  from.dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: a.x + 20, clientY: a.y + 5 }));
  to.dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: b.x, clientY: b.y }));
  to.dispatchEvent(new PointerEvent('pointerup', { ...opts, clientX: b.x, clientY: b.y }));
}

export async function deal(crm: Crm, title: string, extra: Partial<Parameters<Crm['deals']['create']>[0]> = {}, dueInMs?: number): Promise<Deal> {
  const d = await crm.deals.create({ title, ownerId: 'ann', ...extra });
  if (dueInMs !== undefined) await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Call', dueAt: new Date(NOW.getTime() + dueInMs) });
  return d;
}
