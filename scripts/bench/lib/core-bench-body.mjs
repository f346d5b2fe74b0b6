// The core benchmark body, shared by the Node run (memory store) and the
// Chromium run (IndexedDB). Prints nothing itself: returns figures.
export async function runCoreBench(core, makeStore, { deals = 10_000, moves = 1_000 } = {}) {
  const { createCrm } = core;
  const crm = await createCrm({ store: makeStore(), automationIntervalMs: false });
  const stages = ['new', 'qualified', 'proposal', 'invoice'];
  const t0 = performance.now();
  for (let i = 0; i < deals; i++) {
    await crm.deals.create({ title: `Deal ${i}`, amount: (i % 97) * 1000, currency: i % 3 ? 'RUB' : 'USD' });
  }
  const createMs = performance.now() - t0;
  const all = await crm.deals.list({ pipelineId: 'sales' });
  const t1 = performance.now();
  const inNew = await crm.deals.list({ pipelineId: 'sales', stageId: 'new' });
  const listMs = performance.now() - t1;
  const t2 = performance.now();
  for (let i = 0; i < moves; i++) await crm.deals.moveToStage(all[i].id, stages[1 + (i % 3)]);
  const moveMs = performance.now() - t2;
  const t3 = performance.now();
  const inProposal = await crm.deals.list({ stageId: 'proposal' });
  const listAfterMs = performance.now() - t3;
  await crm.close();
  // The import path: the same number of deals in one createMany (validated, one transaction).
  const bulkCrm = await createCrm({ store: makeStore(), automationIntervalMs: false });
  const inputs = Array.from({ length: deals }, (_, i) => ({ title: `Deal ${i}`, amount: (i % 97) * 1000 }));
  const t4 = performance.now();
  await bulkCrm.deals.createMany(inputs);
  const bulkMs = performance.now() - t4;
  await bulkCrm.close();
  return { deals, moves, createMs, listMs, listed: inNew.length, moveMs, listAfterMs, inProposal: inProposal.length, bulkMs };
}

export function printCoreBench(label, r) {
  console.log(`${label}: create ${r.deals} deals: ${(r.createMs / 1000).toFixed(2)} s (${((r.createMs * 1000) / r.deals).toFixed(0)} µs per deal, with history)`);
  console.log(`${label}: createMany ${r.deals} deals in one write: ${(r.bulkMs / 1000).toFixed(2)} s (${((r.bulkMs * 1000) / r.deals).toFixed(0)} µs per deal)`);
  console.log(`${label}: list one stage of ${r.deals} deals: ${r.listMs.toFixed(1)} ms (${r.listed} deals); after moves: ${r.listAfterMs.toFixed(1)} ms (${r.inProposal} in proposal)`);
  console.log(`${label}: move ${r.moves} deals: ${(r.moveMs / 1000).toFixed(2)} s (${((r.moveMs * 1000) / r.moves).toFixed(0)} µs per move, with history and hooks)`);
}
