// A hand-built dataset whose report answers are worked out by hand in the tests.
import { createCrm, LEADS_PIPELINE, memoryStore, type Crm, type CrmOptions, type Pipeline, type Plugin, type Store } from '@crmkit/core';
import { analyticsPlugin, type ReportType } from '@crmkit/plugin-analytics';

/** A four-stage B2B pipeline; the probabilities equal the position fallback, so answers hold either way. */
export const B2B: Pipeline = {
  id: 'b2b',
  entity: 'deal',
  name: 'B2B',
  stages: [
    { id: 's1', name: 'Contact', kind: 'open', probability: 0.2 },
    { id: 's2', name: 'Demo', kind: 'open', probability: 0.4 },
    { id: 's3', name: 'Proposal', kind: 'open', probability: 0.6 },
    { id: 's4', name: 'Contract', kind: 'open', probability: 0.8 },
    { id: 'won', name: 'Won', kind: 'won' },
    { id: 'lost', name: 'Lost', kind: 'lost' },
  ] as Pipeline['stages'],
  lossReasons: [
    { id: 'price', name: 'Price' },
    { id: 'other', name: 'Other', requiresComment: true },
  ],
};

/** The first quarter of 2026, `[from, to)`. */
export const Q1 = { from: new Date('2026-01-01T00:00:00.000Z'), to: new Date('2026-04-01T00:00:00.000Z') };

/** The dataset's ids, by the names the tests use. */
export interface Dataset {
  crm: Crm;
  ids: Record<string, string>;
  /** Sets the CRM clock. */
  at(iso: string): void;
}

/** A plugin report type: invoices with refunds (negative amounts) and a formula-looking memo. */
export const INVOICES: ReportType = {
  id: 'invoices',
  label: 'Invoices',
  entity: 'invoice',
  fields: { no: { type: 'string', label: 'No.' }, memo: { type: 'string', label: 'Memo' }, total: { type: 'money', label: 'Total', currencyField: 'currency' }, currency: { type: 'string', label: 'Currency' } },
  tables: ['deals'],
  rows: async () => [
    { no: 'A-1', memo: '=HYPERLINK("http://evil.example","x")', total: 120, currency: 'USD' },
    { no: 'A-2', memo: 'refund, partial', total: -5, currency: 'USD' },
    { no: 'A-3', memo: '@SUM(A1)', total: 40, currency: 'EUR' },
  ],
};

/** The dataset's CRM options over `store` (users, pipelines, the analytics plugin with the invoices report type). */
export function datasetOptions(store: Store, now: () => Date, plugins: Plugin[] = [analyticsPlugin({ reportTypes: [INVOICES] })]): CrmOptions {
  return {
    store,
    pipelines: [LEADS_PIPELINE, B2B],
    users: [
      { id: 'ann', name: 'Ann', role: 'manager' },
      { id: 'bob', name: 'Bob', role: 'manager' },
      { id: 'boss', name: 'Bo', role: 'head' },
    ],
    currentUser: 'boss',
    now,
    automationIntervalMs: false,
    plugins,
  };
}

/**
 * Builds the dataset (see the table in analytics.node.test.ts). Deals D1–D11
 * in pipeline b2b, leads L1–L6, three next steps. Clock ends at 2026-04-05.
 */
export async function buildDataset(store: Store = memoryStore()): Promise<Dataset> {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const crm = await createCrm(datasetOptions(store, () => new Date(t)));
  const at = (iso: string) => (t = Date.parse(iso));
  const ids: Record<string, string> = {};
  const deal = async (name: string, iso: string, ownerId: string, amount: number, currency: string, title = name) => {
    at(iso);
    ids[name] = (await crm.deals.create({ title, pipelineId: 'b2b', ownerId, amount, currency })).id;
  };
  const move = async (name: string, iso: string, stageId: string, reason?: string) => {
    at(iso);
    await crm.deals.moveToStage(ids[name] as string, stageId, reason ? { reason, comment: reason === 'other' ? 'went quiet' : undefined } : {});
  };
  const lead = async (name: string, iso: string, ownerId: string, source: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    at(iso);
    ids[name] = (await crm.leads.create({ name, email: `${name.toLowerCase()}@example.com`, ownerId, source: source as never, ...extra })).id;
  };

  await lead('L1', '2026-01-03T09:00:00Z', 'ann', { channel: 'web-form', utm: { source: 'google', campaign: 'spring' } });
  await lead('L2', '2026-01-04T09:00:00Z', 'ann', { channel: 'web-form', utm: { source: 'google', campaign: 'spring' } });
  await lead('L5', '2026-01-08T09:00:00Z', 'ann', { channel: 'web-form', utm: { source: 'google', campaign: 'spring' } }, { spam: true });
  at('2026-01-06T09:00:00Z');
  await crm.leads.close(ids['L2'] as string, { reason: 'untargeted' });
  // D1 comes from converting L1.
  at('2026-01-10T00:00:00Z');
  ids['D1'] = (await crm.leads.convert(ids['L1'] as string, { pipelineId: 'b2b', amount: 1000, currency: 'USD', title: 'D1' })).deal.id;
  await move('D1', '2026-01-12T00:00:00Z', 's2');
  await move('D1', '2026-01-14T00:00:00Z', 's3');
  await move('D1', '2026-01-16T00:00:00Z', 's4');
  await move('D1', '2026-01-20T00:00:00Z', 'won');

  await deal('D8', '2025-12-31T23:59:59.000Z', 'bob', 900, 'USD');
  await move('D8', '2026-01-05T00:00:00Z', 'lost', 'other');
  await deal('D9', '2026-01-05T00:00:00Z', 'bob', 600, 'USD');
  await move('D9', '2026-01-06T00:00:00Z', 's2');
  await move('D9', '2026-01-07T00:00:00Z', 's3');
  await move('D9', '2026-01-08T00:00:00Z', 's4');
  await move('D9', '2026-01-09T00:00:00Z', 's2');
  await deal('D2', '2026-01-15T00:00:00Z', 'ann', 2000, 'USD');
  await move('D2', '2026-01-20T00:00:00Z', 's2');
  await move('D2', '2026-02-01T00:00:00Z', 'lost', 'price');
  await deal('D11', '2026-01-20T00:00:00Z', 'bob', 300, 'RUB');
  await move('D11', '2026-03-15T00:00:00Z', 'lost', 'price');

  await lead('L3', '2026-01-31T08:00:00Z', 'bob', { channel: 'phone' });
  at('2026-02-01T00:00:00Z');
  ids['D3'] = (await crm.leads.convert(ids['L3'] as string, { pipelineId: 'b2b', amount: 500, currency: 'EUR', title: 'D3' })).deal.id;
  await move('D3', '2026-02-03T00:00:00Z', 's2');
  await move('D3', '2026-02-05T00:00:00Z', 's3');
  await move('D3', '2026-02-13T00:00:00Z', 'won');
  await deal('D4', '2026-02-10T00:00:00Z', 'bob', 3000, 'USD', '=HYPERLINK("http://evil.example")');
  await move('D4', '2026-02-12T00:00:00Z', 's3');

  await deal('D5', '2026-03-01T00:00:00Z', 'ann', 400, 'USD');
  await lead('L4', '2026-03-05T00:00:00Z', 'ann', { channel: 'web-form', utm: { source: 'yandex' } });
  await deal('D10', '2026-03-10T00:00:00Z', 'ann', 800, 'USD');
  await deal('D6', '2026-03-31T23:59:59.999Z', 'ann', 100, 'USD');
  await deal('D7', '2026-04-01T00:00:00.000Z', 'ann', 700, 'USD');
  await move('D7', '2026-04-01T01:00:00Z', 's2');
  await lead('L6', '2026-04-01T00:00:00.000Z', 'bob', { channel: 'web-form', utm: { source: 'google', campaign: 'spring' } });
  await move('D10', '2026-04-02T00:00:00Z', 'lost', 'price');

  // Next steps: Bob's call on D4 is overdue by the end; Ann's task on D5 was done in March; Bob's D9 step is due later.
  at('2026-02-15T00:00:00Z');
  await crm.activities.schedule({ recordType: 'deal', recordId: ids['D4'] as string, type: 'call', title: 'Call back', dueAt: '2026-03-20T00:00:00Z' });
  const task = await crm.activities.schedule({ recordType: 'deal', recordId: ids['D5'] as string, type: 'task', title: 'Send deck', dueAt: '2026-03-05T00:00:00Z' });
  at('2026-03-04T00:00:00Z');
  await crm.activities.complete(task.id, { result: 'Sent' });
  await crm.activities.schedule({ recordType: 'deal', recordId: ids['D9'] as string, type: 'meeting', title: 'Demo', dueAt: '2026-04-10T00:00:00Z' });
  at('2026-04-05T00:00:00Z');
  return { crm, ids, at };
}
