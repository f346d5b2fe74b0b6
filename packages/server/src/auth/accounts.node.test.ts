import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pgliteStore } from '../store/pglite-store.js';
import type { SqlStore } from '../store/sql-store.js';
import { Accounts } from './accounts.js';

describe('accounts: verifying a token', () => {
  let store: SqlStore;
  let lookups = 0;
  before(async () => {
    store = pgliteStore();
    await store.open();
    const driver = await store.sql();
    const query = driver.query.bind(driver);
    driver.query = ((text: string, params?: readonly unknown[]) => {
      if (/FROM crm_users WHERE token_id/.test(text)) lookups++;
      return query(text, params);
    }) as typeof driver.query;
  });
  after(() => store.close());

  it('fifty requests arriving at once with one token look it up (and run scrypt) once', async () => {
    const accounts = new Accounts(store);
    const { token } = await accounts.add({ id: 'ann', role: 'manager' });
    lookups = 0;
    const users = await Promise.all(Array.from({ length: 50 }, () => accounts.verifyToken(token)));
    assert.deepEqual(new Set(users), new Set(['ann']));
    assert.equal(lookups, 1);
  });

  it('a wrong secret is refused for every request that carries it, and is not remembered', async () => {
    const accounts = new Accounts(store);
    const { token } = await accounts.add({ id: 'bob', role: 'manager' });
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => accounts.verifyToken(wrong)));
    assert.deepEqual(answers, [undefined, undefined, undefined, undefined, undefined]);
    assert.equal(await accounts.verifyToken(token), 'bob');
  });

  it('a user removed while their token is being verified is not let in afterwards', async () => {
    const accounts = new Accounts(store);
    const { token } = await accounts.add({ id: 'cat', role: 'manager' });
    const verifying = accounts.verifyToken(token);
    await accounts.remove('cat');
    await verifying;
    assert.equal(await accounts.verifyToken(token), undefined);
  });
});
