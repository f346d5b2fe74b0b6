import type { Crm, DuplicateMode, UndoImportResult } from '@crmkit/core';
import { baseTheme, TranslationController } from '@crmkit/widgets';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ImportEntity, Mapping } from '../../mapping/fields.js';
import { loadMapping, saveMapping } from '../../mapping/saved-mappings.js';
import { suggestMapping } from '../../mapping/suggest-mapping.js';
import { readTableOffThread } from '../../read/read-off-thread.js';
import type { ReadTableOptions, Table } from '../../read/table.js';
import { importRecords } from '../../write/import-records.js';
import type { ImportResult } from '../../write/import-types.js';
import { undoImport } from '../../write/undo-import.js';
import { registerImportTranslations } from '../../locales/import-translations.js';
import { IMPORT_WIZARD_NAMESPACE, type ImportWizardStrings } from './strings.js';
import { wizardStyles } from './styles.js';
import { DELIMITERS, ENCODINGS, errorList, mappingTable, previewTable } from './wizard-views.js';

/** The wizard's steps, in order. */
export type ImportWizardStep = 'file' | 'map' | 'preview' | 'importing' | 'done';

/** `crm-import-start` (cancelable): the import the user asked for. */
export interface ImportStartDetail {
  /** What the rows become. */
  entity: ImportEntity;
  /** Column title → target. */
  mapping: Mapping;
  /** Rows in the file. */
  rows: number;
}

/** `crm-import-undone`: an import was reverted. */
export interface ImportUndoneDetail {
  /** The batch that was undone. */
  batchId: string;
  /** What the undo did. */
  result: UndoImportResult;
}

const STEP_INDEX: Record<ImportWizardStep, number> = { file: 0, map: 1, preview: 2, importing: 3, done: 3 };
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `<crm-import-wizard>`: brings a CSV, TSV or Excel file into the CRM in four
 * steps — drop or pick a file; check the detected encoding, delimiter and
 * where each column goes (all editable; a mapping is remembered for the next
 * file with the same columns); preview the first rows with every row's
 * errors from a dry run (spreadsheet row and column); import with a progress
 * bar and Cancel — then a summary with Undo. Large files are read off the
 * main thread.
 *
 * @tagname crm-import-wizard
 * @attr entity - What the rows become: `contact` (default), `company`, `lead` or `deal`.
 * @attr duplicates - A row matching an existing record: `skip` (default), `update` or `create` (the user can change it).
 * @attr locale - Language tag (default: the nearest `lang`).
 * @fires crm-import-start - Cancelable; `detail`: `ImportStartDetail`. Cancel it to stop the import from starting.
 * @fires crm-import-done - The import finished or was cancelled; `detail`: `ImportResult`.
 * @fires crm-import-undone - The import was undone; `detail`: `ImportUndoneDetail`.
 * @csspart dropzone - The file drop area.
 * @csspart mapping - The columns table.
 * @csspart preview - The preview table.
 * @csspart errors - The list of row errors.
 * @csspart progress - The progress bar.
 * @csspart summary - The final counts.
 * @csspart button - Every button.
 * @csspart status - The announced status line.
 * @cssprop --crm-color-accent - Primary button and focus colour.
 * @cssprop --crm-color-danger - Errors.
 * @cssprop --crm-color-border - Borders of tables, tiles and the drop area.
 * @cssprop --crm-font - Font.
 */
export class CrmImportWizard extends LitElement {
  static override styles = [baseTheme, wizardStyles];

  /** The CRM to import into (its acting user's rights apply). */
  @property({ attribute: false }) crm: Crm | undefined;
  /** What the rows become. */
  @property({ reflect: true }) entity: ImportEntity = 'contact';
  /** What to do with a row that matches an existing record. */
  @property() duplicates: DuplicateMode = 'skip';
  /** Language tag, e.g. `ru` (default: the nearest `lang`). */
  @property({ reflect: true }) locale: string | undefined;
  /** Custom fields offered as targets (`custom.<name>`), e.g. those your plugins declare. */
  @property({ attribute: false }) customFields: readonly string[] = [];

  /** The current step. */
  @state() step: ImportWizardStep = 'file';
  /** The file as read, with every guess. */
  @state() table: Table | undefined;
  /** Column title → target, as the user left it. */
  @state() mapping: Mapping = {};
  /** The dry run's result (the preview step) or the import's (the last step). */
  @state() result: ImportResult | undefined;
  @state() private file: Blob | undefined;
  @state() private fileName = '';
  @state() private busy = '';
  @state() private error = '';
  @state() private progress = { done: 0, total: 0 };
  @state() private undone: UndoImportResult | undefined;
  @state() private over = false;

  private readonly i18n = new TranslationController<ImportWizardStrings>(this, IMPORT_WIZARD_NAMESPACE);
  private abort: AbortController | undefined;
  private focusHeading = false;

  constructor() {
    super();
    registerImportTranslations();
  }

  /** Reads `file` and goes to the columns step (what dropping or picking a file does). */
  async loadFile(file: Blob, options: ReadTableOptions = {}): Promise<void> {
    const name = options.fileName ?? (file as Partial<File>).name ?? '';
    this.file = file;
    this.fileName = name;
    this.error = '';
    this.busy = this.i18n.t.reading;
    try {
      const table = await readTableOffThread(file, { ...options, fileName: name });
      const saved = this.crm ? await loadMapping(this.crm, { entity: this.entity, headers: table.headers }).catch(() => undefined) : undefined;
      this.table = table;
      this.mapping = suggestMapping(table.headers, { entity: this.entity, customFields: this.customFields, ...(saved ? { saved } : {}) });
      this.go('map');
    } catch (e) {
      this.error = this.i18n.t.readFailed(message(e));
    } finally {
      this.busy = '';
    }
  }

  /** Back to the first step, forgetting the file. */
  reset(): void {
    this.abort?.abort();
    this.table = undefined;
    this.file = undefined;
    this.result = undefined;
    this.undone = undefined;
    this.error = '';
    this.mapping = {};
    this.go('file');
  }

  private go(step: ImportWizardStep): void {
    this.step = step;
    this.focusHeading = true;
  }

  private get format(): (n: number) => string {
    const nf = new Intl.NumberFormat(this.i18n.intl);
    return (n) => nf.format(n);
  }

  private reread(change: ReadTableOptions): void {
    if (!this.file || !this.table) return;
    const current: ReadTableOptions = { encoding: this.table.encoding, ...(this.table.delimiter ? { delimiter: this.table.delimiter } : {}) };
    void this.loadFile(this.file, { ...current, ...change, fileName: this.fileName });
  }

  private async check(): Promise<void> {
    const { crm, table } = this;
    if (!crm || !table) return;
    this.error = '';
    this.busy = this.i18n.t.checking(this.format(0), this.format(table.rows.length));
    try {
      const onProgress = ({ done, total }: { done: number; total: number }) => (this.busy = this.i18n.t.checking(this.format(done), this.format(total)));
      this.result = await importRecords(crm, table, { entity: this.entity, mapping: this.mapping, duplicates: this.duplicates, dryRun: true, onProgress });
      this.go('preview');
    } catch (e) {
      this.error = this.i18n.t.failedAction(message(e));
    } finally {
      this.busy = '';
    }
  }

  private async run(): Promise<void> {
    const { crm, table } = this;
    if (!crm || !table) return;
    const detail: ImportStartDetail = { entity: this.entity, mapping: { ...this.mapping }, rows: table.rows.length };
    if (!this.dispatchEvent(new CustomEvent('crm-import-start', { detail, bubbles: true, composed: true, cancelable: true }))) return;
    this.error = '';
    this.abort = new AbortController();
    this.progress = { done: 0, total: table.rows.length };
    this.go('importing');
    try {
      await saveMapping(crm, { entity: this.entity, headers: table.headers }, this.mapping).catch(() => undefined);
      this.result = await importRecords(crm, table, {
        entity: this.entity,
        mapping: this.mapping,
        duplicates: this.duplicates,
        signal: this.abort.signal,
        onProgress: ({ done, total }) => (this.progress = { done, total }),
      });
      this.go('done');
      this.dispatchEvent(new CustomEvent('crm-import-done', { detail: this.result, bubbles: true, composed: true }));
    } catch (e) {
      this.error = this.i18n.t.failedAction(message(e));
      this.go('preview');
    }
  }

  private async undo(): Promise<void> {
    const { crm, result } = this;
    if (!crm || !result || result.dryRun) return;
    this.error = '';
    this.busy = this.i18n.t.undoing;
    try {
      this.undone = await undoImport(crm, result.batchId);
      this.dispatchEvent(new CustomEvent<ImportUndoneDetail>('crm-import-undone', { detail: { batchId: result.batchId, result: this.undone }, bubbles: true, composed: true }));
    } catch (e) {
      this.error = this.i18n.t.failedAction(message(e));
    } finally {
      this.busy = '';
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entity') && changed.get('entity') !== undefined && this.step !== 'file') this.reset();
  }

  protected override updated(): void {
    if (!this.focusHeading) return;
    this.focusHeading = false;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    const file = e.dataTransfer?.files[0];
    if (file) void this.loadFile(file);
  }

  private onDrag(e: DragEvent, over: boolean): void {
    e.preventDefault();
    this.over = over;
  }

  protected override render(): TemplateResult {
    const t = this.i18n.t;
    const current = STEP_INDEX[this.step];
    return html`
      <h2>${t.title[this.entity] ?? t.title.contact}</h2>
      <ol class="steps">
        ${t.steps.map((s, i) => html`<li aria-current=${i === current ? 'step' : nothing}>${i + 1}. ${s}</li>`)}
      </ol>
      <p role="status" aria-live="polite" part="status" class="muted">${this.busy}</p>
      <p role="alert" class="error">${this.error}</p>
      ${this.step === 'file' ? this.renderFile(t) : nothing} ${this.step === 'map' ? this.renderMap(t) : nothing}
      ${this.step === 'preview' ? this.renderPreview(t) : nothing} ${this.step === 'importing' ? this.renderImporting(t) : nothing}
      ${this.step === 'done' ? this.renderDone(t) : nothing}
    `;
  }

  private renderFile(t: ImportWizardStrings): TemplateResult {
    return html`<h3 tabindex="-1">${t.steps[0]}</h3>
      <div part="dropzone" class="drop ${this.over ? 'over' : ''}" @dragover=${(e: DragEvent) => this.onDrag(e, true)} @dragleave=${(e: DragEvent) => this.onDrag(e, false)} @drop=${this.onDrop}>
        <p>${t.dropHint}</p>
        <label>
          <span>${t.chooseFile}</span>
          <input type="file" accept=".csv,.tsv,.txt,.xlsx,.xls,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ?disabled=${!!this.busy}
            @change=${(e: Event) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) void this.loadFile(file);
            }} />
        </label>
      </div>`;
  }

  private renderMap(t: ImportWizardStrings): TemplateResult {
    const table = this.table as Table;
    const text = table.format !== 'xlsx';
    const encodings = ENCODINGS.includes(table.encoding) ? ENCODINGS : [table.encoding, ...ENCODINGS];
    const mapped = Object.values(this.mapping).some(Boolean);
    const warnings = table.warnings.filter((w) => w.code !== 'delimiter-guessed');
    return html`<h3 tabindex="-1">${t.steps[1]}</h3>
      <p><strong>${t.fileLabel}:</strong> ${this.fileName} · ${table.format.toUpperCase()} · ${t.rowsInFile(this.format(table.rows.length))}</p>
      <div class="settings">
        ${text
          ? html`<label>${t.encoding}
                <select name="encoding" ?disabled=${!!this.busy} @change=${(e: Event) => this.reread({ encoding: (e.target as HTMLSelectElement).value })}>
                  ${encodings.map((enc) => html`<option value=${enc} ?selected=${enc === table.encoding}>${enc}</option>`)}
                </select></label>
              ${table.format !== 'html'
                ? html`<label>${t.delimiter}
                    <select name="delimiter" ?disabled=${!!this.busy} @change=${(e: Event) => this.reread({ delimiter: (e.target as HTMLSelectElement).value })}>
                      ${DELIMITERS.map(([d, key]) => html`<option value=${d} ?selected=${d === table.delimiter}>${t.delimiters[key]}</option>`)}
                    </select></label>`
                : nothing}`
          : nothing}
        <label>${t.duplicates}
          <select name="duplicates" @change=${(e: Event) => (this.duplicates = (e.target as HTMLSelectElement).value as DuplicateMode)}>
            ${(['skip', 'update', 'create'] as const).map((m) => html`<option value=${m} ?selected=${m === this.duplicates}>${t.duplicateModes[m]}</option>`)}
          </select></label>
      </div>
      ${warnings.length
        ? html`<h4>${t.warningsTitle}</h4>
            <ul>
              ${warnings.slice(0, 10).map((w) => html`<li>${t.warnings[w.code](w.row)}</li>`)}
            </ul>`
        : nothing}
      ${mappingTable(t, table, this.mapping, this.entity, this.customFields, (h, target) => (this.mapping = { ...this.mapping, [h]: target }))}
      ${mapped ? nothing : html`<p class="error">${t.nothingMapped}</p>`}
      <div class="actions">
        <button part="button" @click=${() => this.reset()}>${t.back}</button>
        <button part="button" class="primary" ?disabled=${!mapped || !!this.busy} @click=${() => void this.check()}>${t.check}</button>
      </div>`;
  }

  private renderPreview(t: ImportWizardStrings): TemplateResult {
    const check = this.result as ImportResult;
    const f = this.format;
    const goes = check.created + check.updated;
    return html`<h3 tabindex="-1">${t.previewTitle}</h3>
      <p>${t.wouldDo(f(check.created), f(check.updated), f(check.skipped), f(check.failed))}</p>
      ${previewTable(t, this.table as Table, this.mapping, check)} ${errorList(t, check.errors, f)}
      <div class="actions">
        <button part="button" @click=${() => this.go('map')}>${t.back}</button>
        <button part="button" class="primary" ?disabled=${goes === 0} @click=${() => void this.run()}>${t.importRows(f(goes))}</button>
      </div>`;
  }

  private renderImporting(t: ImportWizardStrings): TemplateResult {
    const { done, total } = this.progress;
    const text = t.progress(this.format(done), this.format(total));
    return html`<h3 tabindex="-1">${t.importing}</h3>
      <progress part="progress" max=${Math.max(total, 1)} .value=${done} aria-label=${t.importing} aria-valuetext=${text}></progress>
      <p class="muted">${text}</p>
      <div class="actions">
        <button part="button" ?disabled=${this.abort?.signal.aborted ?? false} @click=${() => this.abort?.abort()}>${t.cancel}</button>
      </div>`;
  }

  private renderDone(t: ImportWizardStrings): TemplateResult {
    const r = this.result as ImportResult;
    const f = this.format;
    const count = (label: string, n: number) => html`<div><dt>${label}</dt><dd>${f(n)}</dd></div>`;
    return html`<h3 tabindex="-1">${t.doneTitle}</h3>
      ${r.cancelled ? html`<p>${t.cancelled}</p>` : nothing}
      <dl class="counts" part="summary">${count(t.created, r.created)} ${count(t.updated, r.updated)} ${count(t.skipped, r.skipped)} ${count(t.failed, r.failed)}</dl>
      ${errorList(t, r.errors, f)}
      ${this.undone
        ? html`<p role="status">${t.undone(f(this.undone.removed), f(this.undone.restored))}${this.undone.kept.length ? ` ${t.keptAfterUndo(f(this.undone.kept.length))}` : ''}</p>`
        : nothing}
      <div class="actions">
        ${this.undone || r.created + r.updated === 0
          ? nothing
          : html`<button part="button" ?disabled=${!!this.busy} @click=${() => void this.undo()}>${t.undo}</button>`}
        <button part="button" class="primary" @click=${() => this.reset()}>${t.another}</button>
      </div>`;
  }
}

/** Registers `<crm-import-wizard>` (or your own tag name for the same class). */
export function defineImportWizard(tag = 'crm-import-wizard'): void {
  if (!customElements.get(tag)) customElements.define(tag, class extends CrmImportWizard {});
}
