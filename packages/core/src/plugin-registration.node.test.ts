// Plugin registration mistakes fail at createCrm with an error naming the
// plugin and what was expected, and leave no store open behind.
import * as z from 'zod/mini';
import { createCrm, CrmError, definePlugin, memoryStore, PluginError, ValidationError, type Plugin } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void; match(s: string, re: RegExp, msg?: string): void };

async function registrationError(plugin: unknown): Promise<CrmError> {
  const inner = memoryStore();
  let open = 0;
  const store = Object.assign(Object.create(inner) as typeof inner, {
    open: async () => {
      open++;
      await inner.open();
    },
    close: async () => {
      open--;
      await inner.close();
    },
  });
  try {
    const crm = await createCrm({ store, plugins: [plugin as Plugin], automationIntervalMs: false });
    await crm.close();
  } catch (e) {
    assert.ok(e instanceof CrmError, `a CrmError, got ${String(e)}`);
    assert.ok(open <= 0, 'the store is closed again (or was never opened) after a failed createCrm');
    return e as CrmError;
  }
  throw new Error('createCrm accepted the plugin');
}

describe('plugin registration errors at createCrm', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['an unknown hook name', { name: 'typo', hooks: { 'stage:beforechange': () => undefined } }, 'stage:beforechange', /Unknown hook "stage:beforechange"; expected one of: record:beforeCreate, .*stage:beforeChange/],
    ['a field for an unknown record type', { name: 'fields', fields: { dael: { invoiceNo: z.string() } } }, 'fields', /unknown record type "dael"; expected one of: contact, company, lead, deal/],
    ['a field schema that is not zod', { name: 'fields2', fields: { deal: { invoiceNo: 'string' } } }, 'fields', /deal\.invoiceNo: expected a zod schema/],
    ['a robot without run', { name: 'robots', robots: { 'send-invoice': { params: z.object({}) } } }, 'robots', /robot "send-invoice" has no run/],
    ['robot params that are not zod', { name: 'robots2', robots: { 'send-invoice': { params: { template: 'string' }, run: () => undefined } } }, 'robots', /expected params to be a zod schema/],
    ['a hook handler that is not a function', { name: 'hooks', hooks: { 'record:created': 'log' } }, 'hooks', /expected a handler function/],
    ['a misspelt top-level key', { name: 'keys', hook: {} }, 'definition', /unknown key "hook"; expected one of: .*hooks/],
    ['a channel without send', { name: 'channels', channels: { sms: {} } }, 'channels', /channel "sms" has no send/],
  ];
  for (const [what, plugin, part, message] of cases) {
    it(`${what} is a PluginError naming the plugin`, async () => {
      const e = await registrationError(plugin);
      assert.ok(e instanceof PluginError, `${e.name}: ${e.message}`);
      assert.equal((e as PluginError).plugin, (plugin as Plugin).name);
      assert.equal((e as PluginError).hook, part);
      assert.match(e.message, message);
      assert.ok(e.message.startsWith(`Plugin "${(plugin as Plugin).name}"`), e.message);
    });
  }

  it('a bad name or order is a ValidationError from definePlugin and createCrm alike', async () => {
    for (const bad of [{ name: '' }, { name: 'ok', order: 'first' }, null]) {
      let thrown: unknown;
      try {
        definePlugin(bad as Plugin);
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown instanceof ValidationError, `definePlugin(${JSON.stringify(bad)}) threw ${String(thrown)}`);
      assert.ok((await registrationError(bad)) instanceof ValidationError);
    }
  });

  it('a hook used in setup before it is declared names the plugin once', async () => {
    const e = await registrationError({ name: 'early', setup: (crm: { hooks: { on(n: string, f: () => void): void } }) => crm.hooks.on('early:thing', () => undefined) });
    assert.ok(e instanceof PluginError);
    assert.equal((e as PluginError).hook, 'early:thing');
    assert.ok(!e.message.includes('failed in setup: Plugin'), e.message);
  });
});
