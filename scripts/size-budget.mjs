// Size budgets: fails when a built file's gzip size passes its budget.
// Budgets are listed here so a change that grows the visitor-facing bundle
// is a visible, reviewed decision.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import path from 'node:path';
import { root } from './dev-plugins.mjs';

/** [file, gzip budget in KB, what it is] */
export const BUDGETS = [
  // 94 KB before the integrity work; the one move path, live observer and hardened intake (form tokens, LRU rate limiter) added ~7 KB.
  // 108.7 KB measured before the second round; it brought steps that follow their record's owner and the hand-over rule on
  // every path, keyset list paging (scan), the import's duplicate-key index, the store's change log for the saved analytics
  // index and the remote client's loader (the client itself is a lazy chunk): 112.1 KB measured, so 114 KB.
  ['packages/core/dist/core.js', 114, 'core SDK (with zod/mini, Dexie, libphonenumber metadata)'],
  // The lead form's initial module: everything to render the form (Lit, the element, all five locales, the draft and
  // attribution). Validation (zod/mini, the five languages' messages, international email and phone rules) and the
  // error summary travel in the submit chunk, fetched when the browser is first idle after the first render (2 s at
  // the latest): 21.4 KB → 14.0 KB with the whole form rendered (Typeform's loader is 13.9 KB and shows no form until its iframe loads).
  // The after-submit sentences in five languages (thank-you, offline, retrying, refused…) moved there too: 13.1 KB with the
  // new "could not load" message, which must stay in the initial module (it is shown when the chunk cannot load).
  // Form definitions (`definition="…"`) add only what renders them (the attribute, a controller, per-locale text
  // fallback, the error view): +0.45 KB, 13.8 KB, with the error summary's label/focus helpers moved to the submit chunk;
  // parsing, the schema and the error messages are a separately built chunk fetched only when one is set (below).
  ['packages/widgets/dist/lead-form.js', 14, 'lead form, initial module (Lit + the rendered form + five locales; validation and delivery load after first render)'],
  // Form definitions, fetched only on a page that sets `definition`: the definition schema (core), its checks and error
  // messages in five languages, with its own copy of the zod/mini parsers it needs (object, union, record, enum…) —
  // shared with the submit chunk they would have added ~5 KB gzip to what every visitor fetches at idle. Measured 15.9 KB.
  // What every visitor fetches when the browser is first idle after the form rendered: validation, the outbox, the REST
  // connector, the form token, the after-submit strings. Measured 14.9 KB; no phone metadata may land here (it would add ~30 KB).
  ['packages/widgets/dist/chunks/submit-*.js', 16, 'lead form submit chunk (prefetched at idle)'],
  ['packages/widgets/dist/chunks/lead-form-definition.js', 18, 'lead form definitions chunk (only with `definition`)'],
  // The sales workspace for staff (not visitors): re-exports the whole core (~106 KB of it) so a page loads one file; + Lit, board, card,
  // planner, the live-query and translation controllers. Measured 151.5 KB (135 KB before the planner and the core's growth),
  // 159.7 KB with the analytics-era core; the import batch path adds ~3 KB of core, so the budget leaves room for one more element.
  // 171.8 KB after the paint-first board move (shared press-drag gesture, column guards, planner keyboard module: +0.6 KB)
  // and +1.5 KB of core (batch import history with derived timelines, SQL paging of steps and history, the visitor's
  // phone country, intake key expiry); staff-facing, so the budget moves to 173 rather than cutting features.
  // 173.1 KB after the chunked IndexedDB layout for bulk imports (its read/write paths sit in the store; the chunk table
  // itself loads with the database), the phone-key memo and the planner's paint-first cell model (+1.2 KB): 175. The
  // next cut if it is needed: the re-exported server-side intake handler (~15 KB raw of core) no workspace page uses.
  ['packages/widgets/dist/workspace.js', 175, 'sales workspace: core API + funnel board + client card + planner'],
  // Analytics widgets for staff (not visitors): engine + three elements + Lit + the core parts reports use (zod/mini,
  // errors, i18n) + the widget translation registry. Measured 36.2 KB; 40.6 KB with the saved index (column codec, snapshot,
  // change-log replay: 100k deals reopen without re-reading every row) and names for the ids reports group by. Budget ~8% over.
  ['plugins/analytics/dist/analytics-widgets.js', 44, 'analytics widgets: funnel report, KPIs, report (+ engine, Lit, core parts)'],
  // The import wizard for staff: Lit + the element + five locales + the import path through core (schemas, phones, Dexie). The file
  // parsers (PapaParse, chardet, read-excel-file) are not in it: they load in the worker (or in a lazy chunk for small files).
  // Measured 26.2 KB; the worker 35.2 KB.
  ['plugins/import/dist/import-widgets.js', 30, 'import wizard, initial module (Lit + element + import path through core)'],
  ['plugins/import/dist/read-table.worker.js', 40, 'import file reader worker (PapaParse, chardet, read-excel-file)'],
];

/** The file a budget line names; a `*` in the name matches a hashed chunk, the newest build of it counting. */
function resolveBudgetFile(file) {
  if (!file.includes('*')) return existsSync(path.join(root, file)) ? path.join(root, file) : undefined;
  const dir = path.join(root, path.dirname(file));
  if (!existsSync(dir)) return undefined;
  const [head, tail] = path.basename(file).split('*');
  const found = readdirSync(dir)
    .filter((name) => name.startsWith(head) && name.endsWith(tail))
    .map((name) => path.join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0];
}

let failed = 0;
for (const [file, budgetKb, what] of BUDGETS) {
  const p = resolveBudgetFile(file);
  if (!p) {
    console.log(`FAIL ${file}: missing (run npm run build)`);
    failed++;
    continue;
  }
  const buf = readFileSync(p);
  const gz = gzipSync(buf, { level: 9 }).length / 1024;
  const br = brotliCompressSync(buf).length / 1024;
  const ok = gz <= budgetKb;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${gz.toFixed(1)} KB gzip, ${br.toFixed(1)} KB brotli (budget ${budgetKb} KB gzip) — ${what}`);
}
process.exit(failed ? 1 : 0);
