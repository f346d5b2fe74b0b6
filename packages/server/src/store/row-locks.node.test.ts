import type { StoredRow } from '@crmkit/core';
import type { SqlStore } from './sql-store.js';
import { gate } from '../testing/gate.js';
import { describeTwoProcesses } from '../testing/two-process-stores.js';

const { it } = (await import('node:test')) as unknown as { it(name: string, fn: () => Promise<void>): void };

function equal(actual: unknown, expected: unknown, message: string): void {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

// Two stores on one database stand for two server processes (each has its own connection pool).
describeTwoProcesses('postgresStore locks rows, not tables', 'locks', (stores) => {
  it('a write to another row of the same tables commits while a transaction is still open', async () => {
    const { a, b } = stores;
    const held = gate();
    const locked = gate();
    const order: string[] = [];
    const slow = a.transaction(['deals', 'history'], async (tx) => {
      await tx.put('deals', { id: 'slow' });
      await tx.put('history', { id: 'h-slow' });
      // A read sends the writes waiting in the transaction: from here on it holds their locks.
      await tx.get('deals', 'slow');
      locked.open();
      await held.wait;
      order.push('slow');
    });
    await locked.wait;
    const fast = b.transaction(['deals', 'history'], async (tx) => {
      await tx.put('deals', { id: 'fast' });
      await tx.put('history', { id: 'h-fast' });
    }).then(() => order.push('fast'));
    // The open transaction is released only after a while: a table lock would keep `fast` waiting behind it.
    const release = setTimeout(held.open, 3_000);
    await Promise.race([fast, slow]);
    held.open();
    clearTimeout(release);
    await Promise.all([slow, fast]);
    equal(order, ['fast', 'slow'], 'the other row committed first');
    equal((await a.query('deals')).map((r) => r.id), ['fast', 'slow'], 'both rows stored');
  });

  it('read-modify-write of one row from two processes loses no update', async () => {
    const { a, b } = stores;
    const increment = (store: SqlStore) =>
      store.transaction(['meta'], async (tx) => {
        const counter = await tx.get<StoredRow & { value: number }>('meta', 'counter');
        await tx.put('meta', { id: 'counter', value: (counter?.value ?? 0) + 1 });
      });
    await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 ? a : b)));
    equal(await a.get('meta', 'counter'), { id: 'counter', value: 20 }, 'twenty increments');
  });

  it('"query, then create what is missing" creates once across processes', async () => {
    const { a, b } = stores;
    const ensure = (store: SqlStore, id: string) =>
      store.transaction(['contacts'], async (tx) => {
        const found = await tx.query('contacts', { index: 'dupKeys', equals: 'phone:+79012223344' });
        if (found.length === 0) await tx.put('contacts', { id, dupKeys: ['phone:+79012223344'] });
      });
    await Promise.all(Array.from({ length: 8 }, (_, i) => ensure(i % 2 ? a : b, `c${i}`)));
    equal((await a.query('contacts', { index: 'dupKeys', equals: 'phone:+79012223344' })).length, 1, 'one contact');
  });

  it('a write outside any transaction waits while a query of its table is open in another process', async () => {
    const { a, b } = stores;
    const queried = gate();
    const held = gate();
    const order: string[] = [];
    const checking = a.transaction(['contacts'], async (tx) => {
      const found = await tx.query('contacts', { index: 'dupKeys', equals: 'email:ann@example.com' });
      queried.open();
      await held.wait;
      if (found.length === 0) await tx.put('contacts', { id: 'checked', dupKeys: ['email:ann@example.com'] });
      order.push('query, then create');
    });
    await queried.wait;
    // A single-statement write (no BEGIN): it must still take the table's lock before it writes.
    const blind = b.put('contacts', { id: 'blind', dupKeys: ['email:ann@example.com'] }).then(() => order.push('blind write'));
    const release = setTimeout(held.open, 1_500);
    await Promise.race([blind, checking]);
    held.open();
    clearTimeout(release);
    await Promise.all([blind, checking]);
    equal(order, ['query, then create', 'blind write'], 'the blind write waited for the open query');
  });

  it('two transactions that lock the same rows in opposite orders both commit (the deadlock is retried)', async () => {
    const { a, b } = stores;
    await a.bulkPut('leads', [
      { id: 'x', n: 0 },
      { id: 'y', n: 0 },
    ]);
    const both = gate();
    let arrived = 0;
    const bump = (store: SqlStore, first: string, second: string) =>
      store.transaction(['leads'], async (tx) => {
        const one = await tx.get<StoredRow & { n: number }>('leads', first);
        if (++arrived === 2) both.open();
        await Promise.race([both.wait, new Promise((resolve) => setTimeout(resolve, 2_000))]);
        const two = await tx.get<StoredRow & { n: number }>('leads', second);
        await tx.put('leads', { ...one!, n: one!.n + 1 });
        await tx.put('leads', { ...two!, n: two!.n + 1 });
      });
    await Promise.all([bump(a, 'x', 'y'), bump(b, 'y', 'x')]);
    equal((await a.query('leads')).map((r) => (r as StoredRow & { n: number }).n), [2, 2], 'each row bumped twice');
  });
});
