import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createCrm, definePlugin, memoryStore, dexieStore, type Crm, type Store } from '@crmkit/core';
import { readTable } from '../read/read-table.js';
import type { Table } from '../read/table.js';
import { suggestMapping } from '../mapping/suggest-mapping.js';
import { importRecords } from './import-records.js';
import { undoImport } from './undo-import.js';
import { encodeLegacy } from '../test/encode.js';
import { describe, it } from '../test/mocha.js';

const TEAM = [
  { id: 'ann', name: 'Анна Смирнова', role: 'manager' as const },
  { id: 'bob', name: 'Bob', role: 'manager' as const },
  { id: 'boss', name: 'Bo', role: 'head' as const },
];

async function crmOn(store: Store, extra: Parameters<typeof createCrm>[0] = {}): Promise<Crm> {
  return createCrm({ store, automationIntervalMs: false, phoneCountry: 'RU', now: () => new Date('2026-03-02T09:00:00Z'), ...extra });
}

/** Every data row, to compare the store before and after. */
async function dump(store: Store): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of ['contacts', 'companies', 'leads', 'deals', 'activities', 'history'] as const) out[t] = await store.query(t);
  return JSON.stringify(out);
}

function table(headers: string[], rows: string[][]): Table {
  return { format: 'csv', encoding: 'utf-8', bom: false, delimiter: ',', headers, rows, warnings: [] };
}

const bitrix =
  'ID;Имя;Фамилия;Рабочий телефон;Рабочий e-mail;Компания;Ответственный\r\n' +
  '1;Иван;Петров;8 (903) 095-27-29;ivan@example.ru;ООО Ромашка;Анна Смирнова\r\n' +
  '2;Ольга;;+7 903 111-22-33;не-почта;ООО Ромашка;\r\n' +
  '\r\n' +
  '3;;;;;Без имени;\r\n' +
  '4;Пётр;Иванов;+7 903 0952729;petr@example.ru;  ооо ромашка ;Никто\r\n' +
  '5;Пётр;Иванов;+7 (903) 095-27-29;;ИП Сидоров;\r\n';

describe('importRecords: a Bitrix24 export into contacts', () => {
  it('imports good rows, reports bad ones by spreadsheet row and column, links companies', async () => {
    const store = dexieStore(`t-imp-${Math.random()}`);
    const crm = await crmOn(store, { users: TEAM });
    const empty = await dump(store);
    const t = await readTable(encodeLegacy(bitrix, 'windows-1251'), { fileName: 'contacts.csv' });
    const mapping = suggestMapping(t.headers, { entity: 'contact' });
    const result = await importRecords(crm, t, { entity: 'contact', mapping });
    expect([result.created, result.updated, result.skipped, result.failed]).to.deep.equal([1, 0, 1, 3]);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
      [3, 'Рабочий e-mail', 'invalid_email'],
      [5, 'Имя', 'required'],
      [6, 'Ответственный', 'unknown_user'],
    ]);
    const [ivan] = await crm.contacts.list();
    expect([ivan!.name, ivan!.ownerId, ivan!.emails, ivan!.source]).to.deep.equal(['Иван Петров', 'ann', ['ivan@example.ru'], { channel: 'import' }]);
    const companies = await crm.companies.list();
    expect(companies.map((c) => c.name)).to.deep.equal(['ООО Ромашка']);
    expect(ivan!.companyId).to.equal(companies[0]!.id);
    // Companies made for rows that then failed or were skipped are gone; undo leaves nothing at all.
    await undoImport(crm, result.batchId);
    expect(await dump(store)).to.equal(empty);
    await crm.close();
  });

  it('dry run reports the same and writes nothing', async () => {
    const store = memoryStore();
    const crm = await crmOn(store, { users: TEAM });
    const t = await readTable(encodeLegacy(bitrix, 'windows-1251'));
    const before = await dump(store);
    const result = await importRecords(crm, t, { entity: 'contact', mapping: suggestMapping(t.headers, { entity: 'contact' }), dryRun: true });
    expect([result.dryRun, result.created, result.failed]).to.deep.equal([true, 1, 3]);
    expect(await dump(store)).to.equal(before);
    await crm.close();
  });

  it('refuses a mapping naming a missing column or an unknown field', async () => {
    const crm = await crmOn(memoryStore());
    const err = await importRecords(crm, table(['Name'], [['x']]), { entity: 'contact', mapping: { Name: 'name', Phone: 'phone', Nope: 'amount' } }).catch((e: unknown) => e);
    expect((err as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).to.deep.equal([['mapping', 'Phone'], ['mapping', 'Nope']]);
    await crm.close();
  });
});

describe('importRecords: duplicates and undo', () => {
  const t = table(['Name', 'Phone', 'Email', 'City'], [
    ['Anna Old', '+7 999 000-00-01', '', 'Kazan'],
    ['Brand New', '+7 999 000-00-02', 'new@example.com', ''],
    ['Brand New again', '', 'NEW@example.com', 'Omsk'],
  ]);
  const mapping = { Name: 'name', Phone: 'phone', Email: 'email', City: 'city' };

  for (const [mode, expected] of [['skip', [1, 0, 2]], ['update', [1, 2, 0]], ['create', [3, 0, 0]]] as const) {
    it(`duplicates: '${mode}'`, async () => {
      const crm = await crmOn(memoryStore());
      const { id } = await crm.contacts.create({ name: 'Anna', phone: '+79990000001', note: 'keep me' });
      const r = await importRecords(crm, t, { entity: 'contact', mapping, duplicates: mode });
      expect([r.created, r.updated, r.skipped, r.failed]).to.deep.equal([...expected, 0]);
      const anna = await crm.contacts.get(id);
      expect(anna.note).to.equal('keep me');
      expect([anna.name, anna.city]).to.deep.equal(mode === 'update' ? ['Anna Old', 'Kazan'] : ['Anna', undefined]);
      expect(await crm.contacts.list()).to.have.length(mode === 'create' ? 4 : 2);
      await crm.close();
    });
  }

  it('undo restores the store exactly, companies included', async () => {
    const store = dexieStore(`t-undo-${Math.random()}`);
    const crm = await crmOn(store);
    await crm.contacts.create({ name: 'Anna', phone: '+79990000001', note: 'keep me' });
    const before = await dump(store);
    const withCompany = table([...t.headers, 'Company'], t.rows.map((r, i) => [...r, i ? 'ACME' : '']));
    const r = await importRecords(crm, withCompany, { entity: 'contact', mapping: { ...mapping, Company: 'company' }, duplicates: 'update', batchSize: 1 });
    expect(r.updated).to.equal(2);
    expect(await crm.companies.list()).to.have.length(1);
    expect(await undoImport(crm, r.batchId)).to.deep.equal({ removed: 2, restored: 1, kept: [] });
    expect(await dump(store)).to.equal(before);
    await crm.close();
  });
});

/** A plugin logging `check <name>` for each row the core checks, then telling `seen` the name. */
function checkLog(log: string[], seen: (name: string) => unknown) {
  return definePlugin({
    name: 'spy',
    setup(c) {
      c.hooks.on('record:beforeCreate', ({ input }) => {
        log.push(`check ${String(input['name'])}`);
        seen(String(input['name']));
        return undefined;
      });
    },
  });
}

/**
 * Logs `write N starts` / `write N ends` around each write into contacts (N from 1) and holds write N until
 * `hold(N)` settles, or `timeoutMs` has passed.
 */
function holdContactWrites(store: Store, log: string[], hold: (n: number) => Promise<unknown> | undefined, timeoutMs: number): void {
  const transaction = store.transaction.bind(store);
  let n = 0;
  store.transaction = (async (tables, fn) => {
    if (!tables.includes('contacts')) return transaction(tables, fn);
    const nth = ++n;
    log.push(`write ${nth} starts`);
    const held = hold(nth);
    if (held) await Promise.race([held, new Promise((r) => setTimeout(r, timeoutMs))]);
    const out = await transaction(tables, fn);
    log.push(`write ${nth} ends`);
    return out;
  }) as Store['transaction'];
}

describe('importRecords: deals, roles, progress and cancellation', () => {
  it('imports deals with pipeline and stage by name, amounts and dates as written, through stage guards', async () => {
    const needsAmount = definePlugin({
      name: 'needs-amount',
      setup(c) {
        c.hooks.on('stage:beforeChange', ({ record, to }) => (to.id === 'proposal' && !(record as { amount?: number }).amount ? { cancel: 'Amount is required before Proposal' } : undefined));
      },
    });
    const crm = await crmOn(memoryStore(), { plugins: [needsAmount] });
    const proposal = crm.pipelines.get('sales').stages.find((s) => s.id === 'proposal')!;
    const proposalRu = typeof proposal.name === 'string' ? proposal.name : (proposal.name['ru'] as string);
    const t = table(['Название сделки', 'Сумма', 'Воронка', 'Стадия сделки', 'Дата закрытия', 'Контакт'], [
      ['Поставка', '150 000,00 ₽', 'sales', proposalRu, '12.03.2025', 'Иван Петров'],
      ['Без суммы', '', 'sales', 'proposal', '', ''],
      ['Плохая стадия', '1', 'sales', 'Нет такой', '', ''],
      ['Плохая сумма', 'много', '', '', '31.02.2025', ''],
    ]);
    const r = await importRecords(crm, t, { entity: 'deal', mapping: suggestMapping(t.headers, { entity: 'deal' }) });
    expect([r.created, r.failed]).to.deep.equal([1, 3]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
      [3, 'Стадия сделки', 'stage_refused'],
      [4, 'Стадия сделки', 'unknown_stage'],
      [5, 'Сумма', 'invalid_number'],
      [5, 'Дата закрытия', 'invalid_date'],
    ]);
    const [deal] = await crm.deals.list();
    expect([deal!.title, deal!.amount, deal!.currency, deal!.stageId, deal!.expectedCloseDate?.slice(0, 10)]).to.deep.equal(['Поставка', 150000, 'RUB', 'proposal', '2025-03-12']);
    const [ivan] = await crm.contacts.list();
    expect(deal!.contactIds).to.deep.equal([ivan!.id]);
    await crm.close();
  });

  it('a manager imports as owner of the rows and never overwrites a colleague\'s record', async () => {
    const crm = await crmOn(memoryStore(), { users: TEAM, currentUser: 'boss' });
    await crm.contacts.create({ name: 'Bob\'s', phone: '+79990000009', ownerId: 'bob' });
    const ann = crm.as('ann');
    const r = await importRecords(ann, table(['Name', 'Phone', 'Owner'], [['Mine', '+79990000008', ''], ['Steal', '+79990000009', ''], ['Give', '+79990000007', 'Bob']]), {
      entity: 'contact', mapping: { Name: 'name', Phone: 'phone', Owner: 'owner' }, duplicates: 'update',
    });
    expect([r.created, r.failed]).to.deep.equal([1, 2]);
    expect(r.errors.map((e) => [e.row, e.code])).to.deep.equal([[3, 'forbidden'], [4, 'forbidden']]);
    expect(r.errors[1]!.column).to.equal('Owner');
    expect((await crm.contacts.list()).map((c) => [c.name, c.ownerId]).sort()).to.deep.equal([['Bob\'s', 'bob'], ['Mine', 'ann']]);
    await crm.close();
  });

  it('a large file finds duplicates in memory (existing, earlier in the file, and companies) without a key query per batch', async () => {
    const store = dexieStore(`t-imp-big-${Math.random()}`);
    const crm = await crmOn(store);
    const existing = await crm.contacts.create({ name: 'Already here', email: 'p7@example.com' });
    await crm.companies.create({ name: 'Acme 3' });
    const keyQueries: string[] = [];
    const companyReads: number[] = [];
    const query = store.query.bind(store);
    store.query = ((t: Parameters<Store['query']>[0], q?: Parameters<Store['query']>[1]) => {
      if (q?.index === 'dupKeys' || q?.index === 'nameKey') keyQueries.push(`${t}.${q.index}`);
      if (t === 'companies' && q?.index === 'id') companyReads.push(q.anyOf?.length ?? 1);
      return query(t, q);
    }) as Store['query'];
    const rows = Array.from({ length: 1200 }, (_, i) => [`Person ${i}`, `p${i % 1100}@example.com`, `Acme ${i % 50}`]);
    const r = await importRecords(crm, table(['Name', 'Email', 'Company'], rows), { entity: 'contact', mapping: { Name: 'name', Email: 'email', Company: 'company' } });
    expect([r.created, r.skipped, r.failed]).to.deep.equal([1099, 101, 0]);
    expect(keyQueries).to.deep.equal([], 'duplicates were looked up in memory');
    // The companies a batch links are found in memory, and checked there by the core (its own index of them), not read
    // back to check each contact's link.
    expect(companyReads).to.deep.equal([], 'company rows read');
    expect((await crm.contacts.get(existing.id)).name).to.equal('Already here');
    const companies = await crm.companies.list();
    expect(companies.length).to.equal(50);
    await crm.close();
  });

  it('checks the next batch while the one before is being written, and writes them in order', async () => {
    const log: string[] = [];
    let checkedNext: () => void = () => undefined;
    const nextChecked = new Promise<void>((resolve) => (checkedNext = resolve));
    const spy = checkLog(log, (name) => name === 'P4' && checkedNext());
    const store = memoryStore();
    const crm = await crmOn(store, { plugins: [spy] });
    // Each write is held until the whole next batch has been checked (its last row, P4), or — when nothing overlaps,
    // so that check cannot start before this write ends — until 3 s have passed and the order below fails the test.
    // (Released at P3, the write could end before P4 was checked on a busy machine.)
    holdContactWrites(store, log, () => nextChecked, 3000);
    const rows = Array.from({ length: 4 }, (_, i) => [`P${i + 1}`, `p${i}@example.com`]);
    const r = await importRecords(crm, table(['Name', 'Email'], rows), { entity: 'contact', mapping: { Name: 'name', Email: 'email' }, batchSize: 2 });
    expect(r.created).to.equal(4);
    // The second batch's rows were checked before the first batch's write ended; the writes took turns.
    expect(log.indexOf('check P4')).to.be.below(log.indexOf('write 1 ends'));
    expect(log.filter((e) => e.startsWith('write'))).to.deep.equal(['write 1 starts', 'write 1 ends', 'write 2 starts', 'write 2 ends']);
    await crm.close();
  });

  it('checks up to four batches ahead of the one being written, and no further', async () => {
    const log: string[] = [];
    let fifthChecked: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (fifthChecked = resolve));
    // Released a little after P10, so a sixth batch handed over too early would have been checked by then.
    const spy = checkLog(log, (name) => name === 'P10' && setTimeout(fifthChecked, 300));
    const store = memoryStore();
    const crm = await crmOn(store, { plugins: [spy] });
    // The first write is held until the fifth batch (P9, P10) has been checked, or 2 s (then the order below fails).
    holdContactWrites(store, log, (n) => (n === 1 ? held : undefined), 2000);
    const rows = Array.from({ length: 12 }, (_, i) => [`P${i + 1}`, `p${i}@example.com`]);
    const r = await importRecords(crm, table(['Name', 'Email'], rows), { entity: 'contact', mapping: { Name: 'name', Email: 'email' }, batchSize: 2 });
    expect(r.created).to.equal(12);
    const ended = log.indexOf('write 1 ends');
    expect(log.indexOf('check P10'), log.join(', ')).to.be.below(ended);
    expect(log.indexOf('check P11'), 'the sixth batch waits for the first to be written').to.be.above(ended);
    await crm.close();
  });

  it('a batch the store fails to write stops the batches after it, and leaves no company made for unwritten rows', async () => {
    const store = memoryStore();
    const crm = await crmOn(store);
    const transaction = store.transaction.bind(store);
    let contactWrites = 0;
    store.transaction = (async (tables, fn) => {
      if (tables[0] === 'contacts' && ++contactWrites === 2) throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
      return transaction(tables, fn);
    }) as Store['transaction'];
    const rows = Array.from({ length: 6 }, (_, i) => [`P${i}`, `p${i}@example.com`, `Firm ${i}`]);
    const error = await importRecords(crm, table(['Name', 'Email', 'Company'], rows), { entity: 'contact', mapping: { Name: 'name', Email: 'email', Company: 'company' }, batchSize: 2 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).to.equal('StorageError');
    expect(contactWrites).to.equal(2, 'the third batch was not written');
    expect((await crm.contacts.list()).map((c) => c.name).sort()).to.deep.equal(['P0', 'P1']);
    expect((await crm.companies.list()).map((c) => c.name).sort()).to.deep.equal(['Firm 0', 'Firm 1']);
    await crm.close();
  });

  it('keeps a company made for a failed row when a later batch links it', async () => {
    const crm = await crmOn(memoryStore());
    const r = await importRecords(crm, table(['Name', 'Email', 'Company'], [['Bad', 'not-an-email', 'Acme'], ['Good', 'g@example.com', 'Acme']]), {
      entity: 'contact', mapping: { Name: 'name', Email: 'email', Company: 'company' }, batchSize: 1,
    });
    expect([r.created, r.failed]).to.deep.equal([1, 1]);
    const [good] = await crm.contacts.list();
    const companies = await crm.companies.list();
    expect(companies.map((c) => c.name)).to.deep.equal(['Acme']);
    expect(good!.companyId).to.equal(companies[0]!.id);
    await crm.close();
  });

  it('reports progress per batch and stops when cancelled, keeping what was written undoable', async () => {
    const store = memoryStore();
    const crm = await crmOn(store);
    const before = await dump(store);
    const rows = Array.from({ length: 10 }, (_, i) => [`Person ${i}`, `p${i}@example.com`]);
    const controller = new AbortController();
    const seen: number[] = [];
    const r = await importRecords(crm, table(['Name', 'Email'], rows), {
      entity: 'contact', mapping: { Name: 'name', Email: 'email' }, batchSize: 3, signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done >= 6) controller.abort();
      },
    });
    expect(seen).to.deep.equal([3, 6]);
    expect([r.cancelled, r.created]).to.deep.equal([true, 6]);
    expect(await crm.contacts.list()).to.have.length(6);
    await undoImport(crm, r.batchId);
    expect(await dump(store)).to.equal(before);
    await crm.close();
  });
});

describe('importRecords: property', () => {
  it('for any table, created + updated + skipped + failed = rows', async () => {
    const cell = fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.constantFrom('+7 999 000-00-01', '8 (903) 095-27-29', 'a@b.co', 'A@B.CO', 'x@', '12,5', 'Иван', '张伟'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 25 }), fc.constantFrom('skip', 'update', 'create'), fc.integer({ min: 1, max: 7 }), async (rows, duplicates, batchSize) => {
        const crm = await crmOn(memoryStore());
        const r = await importRecords(crm, table(['Name', 'Phone', 'Email', 'Company'], rows), { entity: 'contact', mapping: { Name: 'name', Phone: 'phone', Email: 'email', Company: 'company' }, duplicates, batchSize });
        await crm.close();
        expect(r.created + r.updated + r.skipped + r.failed).to.equal(rows.length);
        expect(new Set(r.errors.map((e) => e.row)).size).to.equal(r.failed);
      }),
      { numRuns: 40 },
    );
  });
});

describe('importRecords: property on IndexedDB, batches large enough to be stored in chunks', () => {
  it('for any large table, created + updated + skipped + failed = rows, the store holds each record once, and undo restores it exactly', async () => {
    // Mostly distinct people (so batches create enough records to be chunked), some repeated, some invalid.
    const phone = fc.integer({ min: 0, max: 4000 }).map((n) => `+7 999 000-${String(n).padStart(4, '0').replace(/(\d\d)(\d\d)/, '$1-$2')}`);
    const email = fc.integer({ min: 0, max: 4000 }).map((n) => (n % 7 ? `u${n}@example.com` : `U${n}@Example.COM`));
    const row = fc.tuple(
      fc.oneof({ arbitrary: fc.constantFrom('Иван', '张伟', 'Mary Smith'), weight: 9 }, { arbitrary: fc.constant(''), weight: 1 }),
      fc.oneof({ arbitrary: phone, weight: 4 }, fc.constant(''), fc.constant('+7 999 000-00-07')),
      fc.oneof({ arbitrary: email, weight: 4 }, fc.constant(''), fc.constant('x@')),
      fc.constantFrom('', 'ООО Ромашка', 'Acme'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 100, maxLength: 420 }), fc.constantFrom('skip', 'update', 'create'), fc.integer({ min: 100, max: 300 }), async (rows, duplicates, batchSize) => {
        const store = dexieStore(`t-imp-prop-${Math.random()}`);
        const crm = await crmOn(store);
        await crm.contacts.create({ name: 'Before', phone: '+7 999 000-00-07', note: 'keep' });
        const before = await dump(store);
        const r = await importRecords(crm, table(['Name', 'Phone', 'Email', 'Company'], rows), { entity: 'contact', mapping: { Name: 'name', Phone: 'phone', Email: 'email', Company: 'company' }, duplicates, batchSize });
        expect(r.created + r.updated + r.skipped + r.failed).to.equal(rows.length);
        const ids = (await store.query('contacts')).map((c) => c.id);
        expect(ids.length).to.equal(1 + r.created, 'each record once');
        expect(new Set(ids).size).to.equal(ids.length);
        await undoImport(crm, r.batchId);
        expect(await dump(store)).to.equal(before);
        await crm.close();
      }),
      // No shrinking: each run is an IndexedDB database of hundreds of rows; the first counterexample is reported as found.
      { numRuns: 5, endOnFailure: true },
    );
  });
});
