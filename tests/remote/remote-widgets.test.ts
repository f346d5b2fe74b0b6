import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { dexieStore, memoryStore, remoteCrm, type RemoteCrm, type Role } from '@crmkit/core';
import { defineClientCard, defineFunnelBoard, type CrmClientCard, type CrmFunnelBoard } from '@crmkit/widgets';

// The test runner serves a crmkit team server (PGlite) under /api/ on the same origin (scripts/team-server.mjs).
defineFunnelBoard();
defineClientCard();

interface DemoUser {
  id: string;
  name: string;
  role: Role;
  token: string;
}

/** A fetch whose network can be cut, the way a browser's fails offline. */
function switchableFetch(): { down: boolean; fetch: typeof fetch } {
  const state: { down: boolean; fetch: typeof fetch } = {
    down: false,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => (state.down ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init))) as typeof fetch,
  };
  return state;
}

const retry = { minMs: 50, maxMs: 300 };
/** Server round trips (PGlite) on a busy machine take longer than waitUntil's default second. */
const slow = { timeout: 15_000 };
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const column = (board: CrmFunnelBoard, stage: string) => board.shadowRoot!.querySelector<HTMLElement>(`section[data-drop="${stage}"]`)!;
const titlesIn = (board: CrmFunnelBoard, stage: string) => [...(column(board, stage)?.querySelectorAll('[part~="card-title"]') ?? [])].map((e) => e.textContent);
const card = (board: CrmFunnelBoard, title: string) => $$(board, '.card').find((c) => c.querySelector('.title')?.textContent === title);
const key = (el: HTMLElement, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));

describe('widgets over remoteCrm and a team server', () => {
  let team: Record<string, DemoUser>;
  const crms: RemoteCrm[] = [];
  const connect = async (user: string, extra: Partial<Parameters<typeof remoteCrm>[0]> = {}) => {
    // Each test its own IndexedDB cache, so one test's queue never leaks into the next.
    const crm = await remoteCrm({ url: '/api', token: team[user]!.token, retry, cache: dexieStore(`t-remote-${Math.random().toString(36).slice(2)}`), ...extra });
    crms.push(crm);
    return crm;
  };

  before(async function (this: { timeout(ms: number): void }) {
    // The first request starts the server (bundling it and creating a PGlite database takes a while on a busy machine).
    this.timeout(180_000);
    const users = (await (await fetch('/__team/users')).json()) as DemoUser[];
    team = Object.fromEntries(users.map((u) => [u.id, u]));
  });
  afterEach(async () => {
    for (const crm of crms.splice(0)) await crm.close();
  });

  it('the funnel board shows the server’s deals, moves one with the keyboard, and follows the head’s changes live', async () => {
    const ann = await connect('ann');
    const boss = await connect('boss', { cache: memoryStore() });
    const title = unique('Boiler');
    const deal = await boss.deals.create({ title, amount: 1200, currency: 'USD', ownerId: 'ann' });
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${ann} pipeline="sales" locale="en"></crm-funnel-board>`);
    await waitUntil(() => titlesIn(board, 'new').includes(title), 'the deal on Ann’s board', slow);

    const el = card(board, title)!;
    el.focus();
    key(el, ' ');
    await board.updateComplete;
    key(el, 'ArrowRight');
    await board.updateComplete;
    key(el, ' ');
    await waitUntil(async () => (await boss.deals.get(deal.id)).stageId === 'qualified', 'the keyboard move stored on the server', slow);
    await waitUntil(() => titlesIn(board, 'qualified').includes(title), 'the card in Qualified', slow);

    await boss.deals.moveToStage(deal.id, 'proposal');
    await waitUntil(() => titlesIn(board, 'proposal').includes(title), 'the head’s move on Ann’s board', slow);
    const bobs = unique('Bob’s own');
    await boss.deals.create({ title: bobs, amount: 5, currency: 'USD', ownerId: 'bob' });
    const marker = unique('Ann marker');
    await boss.deals.create({ title: marker, amount: 5, currency: 'USD', ownerId: 'ann' });
    await waitUntil(() => titlesIn(board, 'new').includes(marker), 'a later deal of Ann’s', slow);
    expect(titlesIn(board, 'new')).not.to.include(bobs);
    await expect(board).to.be.accessible();
  });

  it('keeps working offline: the board shows queued moves, and they reach the server on reconnect', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch });
    const boss = await connect('boss', { cache: memoryStore() });
    const title = unique('Heat pump');
    const deal = await ann.deals.create({ title, amount: 900, currency: 'USD' });
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${ann} pipeline="sales" locale="en"></crm-funnel-board>`);
    await waitUntil(() => titlesIn(board, 'new').includes(title), 'the deal on the board', slow);

    net.down = true;
    await ann.deals.moveToStage(deal.id, 'qualified', { version: deal.version });
    const offline = unique('Made offline');
    await ann.deals.create({ title: offline, amount: 10, currency: 'USD' });
    await waitUntil(() => titlesIn(board, 'qualified').includes(title) && titlesIn(board, 'new').includes(offline), 'the offline move and create on the board', slow);
    expect(ann.sync.online).to.equal(false);
    expect((await boss.deals.get(deal.id)).stageId).to.equal('new');

    net.down = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(async () => ann.sync.online && (await ann.sync.pending()).length === 0, 'the queue drained', slow);
    expect((await boss.deals.get(deal.id)).stageId).to.equal('qualified');
    expect((await boss.deals.list({ text: offline })).map((d) => d.title)).to.deep.equal([offline]);
    await waitUntil(() => titlesIn(board, 'new').filter((t) => t === offline).length === 1 && !$$(board, '.card').some((c) => c.dataset['id']?.startsWith('local-')), 'the stored deal replaces the provisional one', slow);
  });

  it('converts a lead offline: the card shows it converted with its deal at once, and the server converts it once on reconnect', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch });
    const boss = await connect('boss', { cache: memoryStore() });
    const name = unique('Olga');
    const company = unique('Olga LLC');
    const lead = await ann.leads.create({ name, phone: `+7 999 ${Math.floor(1_000_000 + Math.random() * 8_999_999)}`, companyName: company });
    const card = await fixture<CrmClientCard>(html`<crm-client-card .crm=${ann} record=${`lead:${lead.id}`} locale="en"></crm-client-card>`);
    await waitUntil(() => card.shadowRoot?.querySelector('#card-title'), 'the card shows the lead', slow);

    net.down = true;
    const result = await ann.leads.convert(lead.id, { amount: 700, currency: 'USD' });
    expect(result.deal.id).to.match(/^local-/);
    const related = () => card.shadowRoot!.querySelector('[part~="related"]')?.textContent ?? '';
    await waitUntil(() => related().includes('Became the deal') && related().includes(company), 'the card shows the converted deal offline', slow);
    expect(ann.sync.online).to.equal(false);
    expect((await boss.leads.get(lead.id)).status).to.equal('open');
    await expect(card).to.be.accessible();

    net.down = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(async () => ann.sync.online && (await ann.sync.pending()).length === 0, 'the queue drained', slow);
    expect((await ann.sync.failures()).length).to.equal(0);
    const deals = (await boss.deals.list()).filter((d) => d.leadId === lead.id);
    expect(deals.length, 'one deal on the server').to.equal(1);
    expect((await boss.contacts.list()).filter((c) => c.name === name).length, 'one contact on the server').to.equal(1);
    expect((await boss.leads.get(lead.id)).convertedTo?.dealId).to.equal(deals[0]!.id);
  });

  it('shows the card’s conflict message when a save made offline meets someone else’s change', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch });
    const boss = await connect('boss', { cache: memoryStore() });
    const deal = await ann.deals.create({ title: unique('Contested'), amount: 100, currency: 'USD' });
    const card = await fixture<CrmClientCard>(html`<crm-client-card .crm=${ann} record=${`deal:${deal.id}`} locale="en"></crm-client-card>`);
    await waitUntil(() => card.shadowRoot?.querySelector('#card-title'), 'the card shows the deal', slow);

    net.down = true;
    card.shadowRoot!.querySelector<HTMLElement>('[data-edit="title"]')!.click();
    await card.updateComplete;
    const input = card.shadowRoot!.querySelector<HTMLInputElement>('#edit-title')!;
    input.value = 'Ann’s title';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await card.updateComplete;
    [...card.shadowRoot!.querySelectorAll<HTMLButtonElement>('.field.editing button')].find((b) => b.textContent?.trim() === 'Save')!.click();
    await waitUntil(async () => (await ann.sync.pending()).length === 1, 'the save queued', slow);
    await waitUntil(() => !card.shadowRoot!.querySelector('#edit-title'), 'the editor closes after the (queued) save', slow);

    await boss.deals.update(deal.id, { title: 'Head’s title' });
    net.down = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => card.shadowRoot!.querySelector('[part="conflict"]'), 'the conflict message shows', slow);
    expect(card.shadowRoot!.querySelector('[part="conflict"]')!.textContent).to.include('Someone else changed this record');
    expect(card.shadowRoot!.querySelector<HTMLInputElement>('#edit-title')!.value).to.equal('Ann’s title');
    expect((await boss.deals.get(deal.id)).title).to.equal('Head’s title');
    await expect(card).to.be.accessible();
  });
});
