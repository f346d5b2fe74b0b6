// Synthetic deals for the analytics benchmark: stored-row shapes as the core
// writes them (deals + ~3 history rows each), generated in chunks so a million
// deals never sit twice in memory. Deterministic (seeded), so runs compare.
export const SALES_STAGES = ['new', 'qualified', 'proposal', 'invoice'];
export const CURRENCIES = ['USD', 'RUB', 'EUR'];
const DAY = 86_400_000;
export const START = Date.parse('2025-01-01T00:00:00Z');
/** The period the reports ask for: one quarter in the middle of the data. */
export const PERIOD = { from: new Date('2025-04-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Yields `{ deals, history }` chunks of stored rows for `n` deals over a year. */
export function* syntheticChunks(n, chunk = 50_000, seed = 42) {
  const rand = rng(seed);
  let seq = 1;
  for (let base = 0; base < n; base += chunk) {
    const deals = [];
    const history = [];
    for (let i = base; i < Math.min(n, base + chunk); i++) {
      const id = `d${i}`;
      const created = START + Math.floor(rand() * 365 * DAY);
      const furthest = Math.floor(rand() * 4);
      const outcome = rand();
      const status = outcome < 0.5 ? 'open' : outcome < 0.75 ? 'won' : 'lost';
      const stageId = status === 'open' ? SALES_STAGES[furthest] : status;
      const moved = created + Math.floor(rand() * 20 * DAY) + 3_600_000;
      const closedAt = status === 'open' ? undefined : new Date(moved + Math.floor(rand() * 40 * DAY)).toISOString();
      const createdAt = new Date(created).toISOString();
      const deal = {
        id, title: `Deal ${i}`, amount: Math.round(rand() * 100_000), currency: CURRENCIES[i % 3], pipelineId: 'sales', stageId, status,
        contactIds: [], ownerId: `u${i % 20}`, createdAt, updatedAt: closedAt ?? createdAt, version: 3, custom: {},
      };
      if (closedAt) deal.closedAt = closedAt;
      if (status === 'lost') deal.lostReason = 'price';
      deals.push(deal);
      const h = (type, at, data) => history.push({ id: `h${seq}`, recordType: 'deal', recordId: id, type, at, by: deal.ownerId, seq: seq++, data });
      h('created', createdAt, { stage: 'new', pipelineId: 'sales' });
      const mid = SALES_STAGES[furthest];
      h('stage_changed', new Date(moved).toISOString(), { from: 'new', to: mid, pipelineId: 'sales' });
      if (status !== 'open') h('stage_changed', closedAt, { from: mid, to: status, pipelineId: 'sales' });
      else h('note', new Date(moved + DAY).toISOString(), { text: 'called' });
    }
    yield { deals, history };
  }
}

/** Writes `n` synthetic deals into a crmkit store, chunk by chunk. */
export async function fillStore(store, n) {
  await store.open();
  for (const { deals, history } of syntheticChunks(n)) {
    await store.bulkPut('deals', deals);
    await store.bulkPut('history', history);
  }
}
