// Six months of history for the analytics demo, added once to the workspace
// demo database: leads from UTM-tagged sources, some converted into deals that
// then move through their pipeline and are won or lost (with "Other" among the
// reasons), others closed as junk. Written through a CRM with a moving clock,
// so every record, stage change and close has its own date.
import { createCrm, dexieStore, type Crm } from '@crmkit/core';
import { DEMO_DB, DEMO_PIPELINES, DEMO_USERS } from '../workspace/demo-data.js';

const DAY = 86_400_000;
/** Set in the demo database's `meta` table once the history is in. */
const MARKER = 'crmkit-demo:analytics-history';

const MARKETS = [
  { owner: 'anna', currency: 'RUB', scale: 180_000, people: ['Павел Орлов', 'Ирина Белова', 'Глеб Зайцев'] },
  { owner: 'bat', currency: 'MNT', scale: 4_500_000, people: ['Тэмүүлэн Бат', 'Нандин Эрдэнэ', 'Ариунаа Ган'] },
  { owner: 'dilshod', currency: 'UZS', scale: 25_000_000, people: ['Aziz Qodirov', 'Nodira Saidova', 'Bekzod Umarov'] },
  { owner: 'fang', currency: 'CNY', scale: 60_000, people: ['周杰', '吴娜', '孙浩'] },
  { owner: 'emily', currency: 'USD', scale: 9_000, people: ['Laura Bennett', 'Chris Walker', 'Priya Shah'] },
];
const SOURCES = [
  { channel: 'web-form', utm: { source: 'google', medium: 'cpc', campaign: 'spring-sale' } },
  { channel: 'web-form', utm: { source: 'google', medium: 'cpc', campaign: 'brand' } },
  { channel: 'web-form', utm: { source: 'yandex', medium: 'cpc', campaign: 'spring-sale' } },
  { channel: 'web-form', utm: { source: 'instagram', medium: 'social', campaign: 'stories' } },
  { channel: 'telegram' },
  { channel: 'phone' },
];
const JUNK = ['untargeted', 'volume-too-small', 'duplicate', 'spam'];

/** Deterministic random numbers, so every visitor sees the same demo. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function addHistory(crm: Crm, at: (ms: number) => void, start: number, count: number, onProgress?: (done: number, total: number) => void): Promise<void> {
  const rnd = random(20260101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  for (let i = 0; i < count; i++) {
    const market = MARKETS[i % MARKETS.length] as (typeof MARKETS)[number];
    let t = start + rnd() * 170 * DAY;
    const step = (days: number) => at((t += days * DAY * (0.5 + rnd())));
    at(t);
    const lead = await crm.leads.create({ name: pick(market.people), email: `client${i}@${market.owner}.example.org`, source: pick(SOURCES), ownerId: market.owner });
    const fate = rnd();
    if (fate < 0.2) {
      step(1);
      await crm.leads.close(lead.id, { reason: pick(JUNK) });
    } else if (fate < 0.75) {
      step(2);
      const wholesale = rnd() < 0.3;
      const amount = Math.round((market.scale * (wholesale ? 6 : 1) * (0.3 + rnd() * 2)) / 100) * 100;
      const { deal } = await crm.leads.convert(lead.id, { pipelineId: wholesale ? 'wholesale' : 'sales', amount, currency: market.currency, title: `${pick(['Order', 'Project', 'Contract'])} #${1000 + i}` });
      const pipeline = DEMO_PIPELINES.find((p) => p.id === deal.pipelineId);
      const open = (pipeline?.stages ?? []).filter((s) => s.kind === 'open').map((s) => s.id);
      // The pipeline's own loss reasons, "Other" twice as likely: the share a head of sales watches.
      const reasons = [...(pipeline?.lossReasons ?? []).map((r) => r.id), 'other'];
      const reach = 1 + Math.floor(rnd() * (open.length - 1));
      for (const stageId of open.slice(1, reach + 1)) {
        step(3);
        await crm.deals.moveToStage(deal.id, stageId);
      }
      const outcome = rnd();
      step(4);
      if (outcome < 0.45) await crm.deals.win(deal.id);
      else if (outcome < 0.8) {
        const reason = pick(reasons);
        await crm.deals.lose(deal.id, reason === 'other' ? { reason, comment: 'Went quiet after the demo' } : { reason });
      }
    }
    onProgress?.(i + 1, count);
  }
}

/**
 * Adds the history to the demo database once (later visits find the marker
 * and do nothing). Returns true when it added it.
 */
export async function addDemoHistory(onProgress?: (done: number, total: number) => void): Promise<boolean> {
  const store = dexieStore(DEMO_DB);
  if (await store.get('meta', MARKER)) {
    await store.close();
    return false;
  }
  const end = Date.now();
  let now = end;
  const crm = await createCrm({ store, pipelines: DEMO_PIPELINES, users: DEMO_USERS, currentUser: 'anna', now: () => new Date(now), automationIntervalMs: false });
  try {
    await addHistory(crm, (ms) => (now = Math.min(ms, end)), end - 180 * DAY, 90, onProgress);
    await store.put('meta', { id: MARKER, at: new Date(end).toISOString() });
    return true;
  } finally {
    await crm.close();
  }
}
