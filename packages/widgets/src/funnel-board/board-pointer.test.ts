// Pointer, touch and small-screen behaviour of the board, each pinned by a test that failed before the fix:
// no auto-scroll while dragging, a sideways swipe on a phone moved the deal, a drag down after a long-press
// was cancelled by the page scrolling, and the board grew wider than a phone's screen.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createCrm, memoryStore, type Crm, type Deal } from '@crmkit/core';
import { defineFunnelBoard, type CrmFunnelBoard } from './crm-funnel-board.js';
import { LONG_PRESS_MS } from '../shared/press-drag.js';

defineFunnelBoard();

const NOW = new Date('2025-03-10T09:00:00Z');
const crms: Crm[] = [];
afterEach(async () => {
  for (const crm of crms.splice(0)) await crm.close().catch(() => undefined);
  await setViewport({ width: 800, height: 600 });
  window.scrollTo(0, 0);
});

async function makeCrm(deals: number, stage = 'new'): Promise<{ crm: Crm; ids: string[] }> {
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, now: () => NOW });
  crms.push(crm);
  const at = NOW.toISOString();
  const rows: Deal[] = [];
  for (let i = 0; i < deals; i++) {
    rows.push({ id: `d${String(i).padStart(3, '0')}`, createdAt: at, updatedAt: at, version: 1, ownerId: 'system', custom: {}, title: `Deal ${i}`, currency: 'USD', pipelineId: 'sales', stageId: stage, status: 'open', contactIds: [] });
  }
  await crm.store.bulkPut('deals', rows);
  return { crm, ids: rows.map((r) => r.id) };
}

async function mountIn(crm: Crm, wrapper: (board: unknown) => unknown = (b) => b): Promise<CrmFunnelBoard> {
  const host = await fixture<HTMLElement>(html`<div>${wrapper(html`<crm-funnel-board .crm=${crm} pipeline="sales" locale="en"></crm-funnel-board>`)}</div>`);
  const board = host.querySelector<CrmFunnelBoard>('crm-funnel-board')!;
  await waitUntil(() => board.shadowRoot!.querySelector('.card'), 'no card rendered');
  await board.updateComplete;
  return board;
}

const $ = <T extends Element = HTMLElement>(board: CrmFunnelBoard, sel: string) => board.shadowRoot!.querySelector(sel) as T;
const cardEl = (board: CrmFunnelBoard, id: string) => $(board, `.card[data-id="${id}"]`);
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};

function point(el: Element): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 30) };
}

type Kind = 'mouse' | 'touch';
function pointer(target: EventTarget, type: string, x: number, y: number, pointerType: Kind): void {
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, cancelable: true, pointerId: pointerType === 'touch' ? 7 : 1, pointerType, button: 0, isPrimary: true, clientX: x, clientY: y }));
}

function touchMove(el: Element, x: number, y: number): TouchEvent {
  const touch = new Touch({ identifier: 7, target: el, clientX: x, clientY: y });
  const e = new TouchEvent('touchmove', { bubbles: true, composed: true, cancelable: true, touches: [touch], targetTouches: [touch], changedTouches: [touch] });
  el.dispatchEvent(e);
  return e;
}

describe('<crm-funnel-board> dragging, touch and small screens', () => {
  it('scrolls a column by itself while a card is held near its bottom edge', async () => {
    const { crm } = await makeCrm(60);
    const board = await mountIn(crm);
    const scroller = $(board, '.scroller[data-stage="new"]');
    const start = point(cardEl(board, 'd000'));
    pointer(cardEl(board, 'd000'), 'pointerdown', start.x, start.y, 'mouse');
    pointer(window, 'pointermove', start.x + 10, start.y + 10, 'mouse');
    const r = scroller.getBoundingClientRect();
    const bottom = Math.min(r.bottom, window.innerHeight) - 8;
    pointer(window, 'pointermove', start.x, bottom, 'mouse');
    await frames(20);
    expect(scroller.scrollTop).to.be.greaterThan(100);
    const scrolled = scroller.scrollTop;
    // Back in the middle of the column: the scrolling stops.
    pointer(window, 'pointermove', start.x, (r.top + bottom) / 2, 'mouse');
    await frames(10);
    expect(scroller.scrollTop - scrolled).to.be.below(3 * 22 + 1);
    pointer(window, 'pointerup', start.x, (r.top + bottom) / 2, 'mouse');
  });

  it('scrolls the row of columns sideways to reach an off-screen column, and drops there', async () => {
    const { crm } = await makeCrm(3);
    const board = await mountIn(crm, (b) => html`<div class="narrow" style="width: 420px">${b}</div>`);
    const strip = $(board, '.columns');
    expect(strip.scrollWidth).to.be.greaterThan(strip.clientWidth);
    const invoice = $(board, 'section[data-drop="invoice"]');
    expect(invoice.getBoundingClientRect().left).to.be.greaterThan(420);
    const start = point(cardEl(board, 'd000'));
    pointer(cardEl(board, 'd000'), 'pointerdown', start.x, start.y, 'mouse');
    const edge = strip.getBoundingClientRect().right - 6;
    pointer(window, 'pointermove', edge, start.y, 'mouse');
    await waitUntil(() => invoice.getBoundingClientRect().right <= strip.getBoundingClientRect().right + 1, 'the last column never scrolled into view', { timeout: 5000 });
    const over = point(invoice);
    pointer(window, 'pointermove', over.x, over.y, 'mouse');
    pointer(window, 'pointerup', over.x, over.y, 'mouse');
    await waitUntil(async () => (await crm.deals.get('d000')).stageId === 'invoice', 'the deal did not move to the off-screen column');
  });

  it('scrolls the page to bring Won below the fold into reach, and wins the deal there', async () => {
    const { crm } = await makeCrm(30);
    const board = await mountIn(crm, (b) => html`<div style="height: 150px"></div>${b}<div style="height: 400px"></div>`);
    const won = $(board, '[part="zone-won"]');
    expect(won.getBoundingClientRect().top).to.be.greaterThan(window.innerHeight);
    const start = point(cardEl(board, 'd000'));
    expect(start.y).to.be.below(window.innerHeight);
    pointer(cardEl(board, 'd000'), 'pointerdown', start.x, start.y, 'mouse');
    pointer(window, 'pointermove', start.x, window.innerHeight - 4, 'mouse');
    await waitUntil(() => won.getBoundingClientRect().bottom < window.innerHeight, 'the page never scrolled down to Won', { timeout: 5000 });
    const over = point(won);
    pointer(window, 'pointermove', over.x, over.y, 'mouse');
    pointer(window, 'pointerup', over.x, over.y, 'mouse');
    await waitUntil(async () => (await crm.deals.get('d000')).status === 'won', 'the deal was not won');
  });

  it('on touch, a sideways swipe over a card scrolls and never picks the deal up', async () => {
    const { crm } = await makeCrm(3);
    const board = await mountIn(crm);
    const card = cardEl(board, 'd000');
    // The browser may pan both ways on a card: a swipe scrolls the columns.
    expect(getComputedStyle(card).touchAction).to.be.oneOf(['auto', 'manipulation', 'pan-x pan-y']);
    let asked = 0;
    board.addEventListener('crm-stage-change', () => (asked += 1));
    const a = point(card);
    const b = point($(board, 'section[data-drop="qualified"]'));
    pointer(card, 'pointerdown', a.x, a.y, 'touch');
    pointer(window, 'pointermove', a.x + 30, a.y, 'touch');
    expect(touchMove(card, a.x + 30, a.y).defaultPrevented, 'a swipe must be left to the browser').to.equal(false);
    pointer(window, 'pointermove', b.x, b.y, 'touch');
    pointer(window, 'pointerup', b.x, b.y, 'touch');
    await aTimeout(LONG_PRESS_MS + 50);
    await board.updateComplete;
    expect($(board, '[part="drag-ghost"]')).to.equal(null);
    expect(asked).to.equal(0);
    expect((await crm.deals.get('d000')).stageId).to.equal('new');
  });

  it('on touch, a long-press picks the card up and a straight drag down reaches Won', async () => {
    const { crm } = await makeCrm(3);
    const board = await mountIn(crm);
    const card = cardEl(board, 'd000');
    const a = point(card);
    pointer(card, 'pointerdown', a.x, a.y, 'touch');
    expect(touchMove(card, a.x, a.y + 1).defaultPrevented).to.equal(false);
    await waitUntil(() => $(board, '[part="drag-ghost"]'), 'a long-press did not pick the card up', { timeout: 3000 });
    expect(cardEl(board, 'd000').classList.contains('dragging')).to.equal(true);
    // Once picked up, the page must not scroll under the finger (that cancelled the drag).
    expect(touchMove(card, a.x, a.y + 20).defaultPrevented).to.equal(true);
    const won = point($(board, '[part="zone-won"]'));
    pointer(window, 'pointermove', a.x, a.y + 20, 'touch');
    pointer(window, 'pointermove', a.x, won.y, 'touch');
    await board.updateComplete;
    expect($(board, '[part="zone-won"]').classList.contains('drop-target')).to.equal(true);
    pointer(window, 'pointerup', a.x, won.y, 'touch');
    await waitUntil(async () => (await crm.deals.get('d000')).status === 'won', 'the deal was not won');
  });

  it('on a 390 px phone the columns snap-scroll inside the board and the page is not wider than the screen', async () => {
    await setViewport({ width: 390, height: 844 });
    const { crm } = await makeCrm(5);
    // The page lays the board out as a flex item, as app shells and the demo do.
    const board = await mountIn(crm, (b) => html`<div style="display: flex; gap: 8px"><nav style="flex: none">Menu</nav>${b}</div>`);
    await frames(2);
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
    expect(board.getBoundingClientRect().right).to.be.at.most(390);
    const strip = $(board, '.columns');
    expect(getComputedStyle(strip).scrollSnapType).to.equal('x mandatory');
    expect(getComputedStyle($(board, 'section.column')).scrollSnapAlign).to.equal('start');
    expect(strip.scrollWidth).to.be.greaterThan(strip.clientWidth);
    expect($(board, 'section.column').getBoundingClientRect().width).to.be.at.most(strip.clientWidth);
  });
});
