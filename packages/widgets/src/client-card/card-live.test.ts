// The card on live queries: a change elsewhere arrives as the changed row, so
// an unrelated write costs the card no reads at all, and the card follows its
// record's links and its removal without reloading.
import { createCrm, memoryStore, type Crm, type Store, type StoredRow, type StoreOps } from '@crmkit/core';
import { expect, waitUntil } from '@open-wc/testing';
import { mount, NOW, settle, text, USERS } from './test-helpers.js';

/** Reads (get / query, inside transactions or not) whose answer holds a row of `watched`: the record itself, or its steps and history. */
interface ReadLog {
  watched: Set<string>;
  reads: string[];
}

function countingStore(log: ReadLog): Store {
  const inner = memoryStore();
  const note = (table: string, rows: readonly (StoredRow | undefined)[]): void => {
    for (const row of rows) {
      if (!row) continue;
      const r = row as StoredRow & { recordId?: string };
      if (log.watched.has(r.id) || (r.recordId !== undefined && log.watched.has(r.recordId))) log.reads.push(`${table}:${r.id}`);
    }
  };
  const wrapOps = <O extends StoreOps>(ops: O): O =>
    new Proxy(ops, {
      get(target, key, receiver) {
        if (key === 'get')
          return async (table: string, id: string) => {
            const row = await (target.get as StoreOps['get'])(table as never, id);
            note(table, [row]);
            return row;
          };
        if (key === 'query')
          return async (table: string, q?: unknown) => {
            const rows = await (target.query as StoreOps['query'])(table as never, q as never);
            note(table, rows);
            return rows;
          };
        if (key === 'transaction')
          return (tables: never, fn: (tx: StoreOps) => Promise<unknown>) => (target as unknown as Store).transaction(tables, (tx) => fn(wrapOps(tx)));
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return wrapOps(inner);
}

describe('<crm-client-card>: live data', () => {
  let crm: Crm;
  const log: ReadLog = { watched: new Set(), reads: [] };

  beforeEach(async () => {
    log.watched.clear();
    log.reads = [];
    crm = await createCrm({ store: countingStore(log), automationIntervalMs: false, now: () => new Date(NOW), users: USERS, currentUser: 'bo', locale: 'en' });
  });
  afterEach(async () => {
    await crm.close();
  });

  it('reads nothing again after a change to an unrelated record', async () => {
    const company = await crm.companies.create({ name: 'Acme' });
    const contact = await crm.contacts.create({ name: 'Ivan Petrov', companyId: company.id });
    const deal = await crm.deals.create({ title: 'Acme order', companyId: company.id, contactIds: [contact.id] });
    await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call Ivan', dueAt: new Date(NOW.getTime() + 3_600_000) });
    const other = await crm.deals.create({ title: 'Other order' });
    const el = await mount(crm, `deal:${deal.id}`);
    await waitUntil(() => text(el).includes('Call Ivan') && text(el).includes('Acme'), 'the card shows its step and company');
    await settle(el);

    log.watched.add(deal.id);
    log.reads = [];
    await crm.deals.update(other.id, { title: 'Other order, renamed' });
    await crm.activities.schedule({ recordType: 'deal', recordId: other.id, type: 'email', title: 'Send the offer', dueAt: new Date(NOW.getTime() + 7_200_000) });
    await crm.history.addNote('deal', other.id, 'Unrelated note');
    await crm.contacts.create({ name: 'Somebody else' });
    await settle(el);

    expect(log.reads, 'reads of the shown deal, its steps or its history').to.deep.equal([]);
    expect(text(el)).to.include('Acme order').and.not.include('Send the offer');
  });

  it('shows a change to the record and its timeline with no read of its own', async () => {
    const deal = await crm.deals.create({ title: 'Acme order' });
    const unseen = await crm.deals.create({ title: 'Unseen order' });
    const el = await mount(crm, `deal:${deal.id}`);
    await settle(el);
    log.watched.add(deal.id);
    log.watched.add(unseen.id);
    const readsOf = (id: string) => log.reads.filter((r) => r === `deals:${id}`).length;

    await crm.history.addNote('deal', deal.id, 'Asked for a discount');
    await waitUntil(() => text(el).includes('Asked for a discount'), 'the note arrives');
    // What the writer itself reads to update a deal, measured on a deal no card shows…
    await crm.deals.update(unseen.id, { title: 'Unseen order, renamed' });
    await settle(el);
    const byWriter = readsOf(unseen.id);
    // …is all that updating the shown deal reads: the card takes the row from the change.
    log.reads = [];
    await crm.deals.update(deal.id, { title: 'Acme order, 2 trucks' });
    await waitUntil(() => text(el, '#card-title').includes('2 trucks'), 'the new title arrives');
    await settle(el);
    expect(readsOf(deal.id)).to.equal(byWriter);
  });

  it("follows the record's links: a company set elsewhere appears, and a removed record shows not found", async () => {
    const contact = await crm.contacts.create({ name: 'Ivan Petrov' });
    const el = await mount(crm, `contact:${contact.id}`);
    await settle(el);
    const company = await crm.companies.create({ name: 'Globex' });
    await crm.contacts.update(contact.id, { companyId: company.id });
    await waitUntil(() => text(el).includes('Globex'), 'the new company shows');
    await crm.deals.create({ title: 'Globex pilot', contactIds: [contact.id] });
    await waitUntil(() => text(el).includes('Globex pilot'), 'a new deal of the contact shows');

    await crm.contacts.remove(contact.id);
    await waitUntil(() => text(el).includes('does not exist'), 'the card says the record is gone');
  });

  it('a card removed with an update still pending leaves nothing listening', async () => {
    const deal = await crm.deals.create({ title: 'Acme order' });
    const other = await crm.deals.create({ title: 'Other order' });
    // Live store subscriptions and crm.on listeners, counted as they are added and removed.
    const live = { store: 0, on: 0 };
    const subscribe = crm.store.subscribe.bind(crm.store);
    crm.store.subscribe = (listener) => {
      live.store++;
      const stop = subscribe(listener);
      return () => (live.store--, stop());
    };
    const on = crm.on.bind(crm) as (...args: unknown[]) => () => void;
    (crm as unknown as { on: unknown }).on = (...args: unknown[]) => {
      live.on++;
      const stop = on(...args);
      return () => (live.on--, stop());
    };
    const el = await mount(crm, `deal:${deal.id}`);
    await settle(el);
    expect(live.store, 'listening while shown').to.be.at.least(1);
    // The page points the card at another record and takes it away in the same task: Lit still runs that update.
    el.record = `deal:${other.id}`;
    el.remove();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 30));
    expect(live).to.deep.equal({ store: 0, on: 0 });
  });
});
