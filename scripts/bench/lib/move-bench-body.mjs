// The move benchmark body, run in headless Chromium on IndexedDB. Prints
// nothing itself: returns figures for crmkit and for a raw Dexie baseline
// measured in the same page, on the same kind of rows.
export async function runMoveBench(core, Dexie, { deals = 1_000 } = {}) {
  const stages = ['qualified', 'proposal', 'invoice'];
  const crm = await core.createCrm({ store: core.dexieStore(`move-bench-${Date.now()}`), automationIntervalMs: false });
  const created = await crm.deals.createMany(Array.from({ length: deals }, (_, i) => ({ title: `Deal ${i}`, amount: (i % 97) * 1000 })));
  const t0 = performance.now();
  for (let i = 0; i < deals; i++) await crm.deals.moveToStage(created[i].id, stages[i % 3]);
  const crmMs = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < deals; i += 2) await crm.deals.lose(created[i].id, { reason: 'price' });
  const loseMs = performance.now() - t1;
  const rows = created.map((d) => ({ ...d }));
  await crm.close();

  // Baseline: the least a move must do — one read-write transaction that reads
  // the row, writes it back with the new stage and appends one history row.
  const db = new Dexie(`move-bench-raw-${Date.now()}`);
  db.version(1).stores({ deals: 'id, ownerId, pipelineId, stageId, status, companyId, *contactIds', history: 'id, recordId' });
  await db.open();
  await db.table('deals').bulkPut(rows);
  const t2 = performance.now();
  for (let i = 0; i < deals; i++) {
    const id = rows[i].id;
    await db.transaction('rw', db.table('deals'), db.table('history'), async () => {
      const row = await db.table('deals').get(id);
      await db.table('deals').put({ ...row, stageId: stages[i % 3], version: row.version + 1, updatedAt: new Date().toISOString() });
      await db.table('history').put({ id: `h${i}`, recordId: id, type: 'stage_changed', at: new Date().toISOString(), data: { from: row.stageId, to: stages[i % 3] } });
    });
  }
  const rawMs = performance.now() - t2;
  db.close();
  await Dexie.delete(db.name);
  return { deals, crmMs, loseMs, loses: Math.ceil(deals / 2), rawMs };
}

export function printMoveBench(r) {
  const per = (ms, n) => `${((ms * 1000) / n).toFixed(0)} µs each`;
  console.log(`IndexedDB (Chromium): move ${r.deals} deals with crm.deals.moveToStage: ${(r.crmMs / 1000).toFixed(2)} s (${per(r.crmMs, r.deals)}, guards, history, hooks)`);
  console.log(`IndexedDB (Chromium): raw Dexie baseline, ${r.deals} moves (read + write + history row, one transaction each): ${(r.rawMs / 1000).toFixed(2)} s (${per(r.rawMs, r.deals)})`);
  console.log(`IndexedDB (Chromium): crmkit / raw Dexie: ${(r.crmMs / r.rawMs).toFixed(2)}×`);
  console.log(`IndexedDB (Chromium): lose ${r.loses} deals with a reason: ${(r.loseMs / 1000).toFixed(2)} s (${per(r.loseMs, r.loses)})`);
}
