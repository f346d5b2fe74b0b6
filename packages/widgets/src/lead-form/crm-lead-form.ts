import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Crm } from '@crmkit/core';
import { resolveLocale, type Locale } from '@crmkit/core/i18n';
import type { LeadConnector } from '@crmkit/core/intake';
import { draftKey, loadDraft, saveDraft } from './draft.js';
import { loadDelivery, loadedDelivery, whenIdle, type DeliveryModule } from './submit-loader.js';
import { translate } from '../i18n/translation-registry.js';
import { registerLeadFormTranslations, type LeadFormStrings } from './strings.js';
import { leadFormStyles } from './styles.js';
import { consentInfoOf, fieldDefsOf, renderConsent, renderField, type RenderedField } from './field-views.js';
import type {
  BeforeSubmit,
  DeliveryTiming,
  LeadErrorDetail,
  LeadFormCustomField,
  LeadFormState,
} from './types.js';
import { FORM_KEY, type FieldError } from './field-defs.js';
import { DefinitionController } from './definition-controller.js';
import { pushDataLayer } from './data-layer.js';
import { pickText } from './pick-text.js';

/** Internal reactive state (kept out of the element's documented attributes). */
const INTERNAL_STATE = { values: { state: true }, errors: { state: true }, formState: { state: true }, statusText: { state: true }, docLang: { state: true } };

/**
 * `<crm-lead-form>`: the visitor-facing lead form. Validates with core's
 * schemas, keeps a draft, saves each submission to an IndexedDB outbox
 * before any network call, and delivers it with an idempotency key to an
 * `endpoint` (crmkit's REST contract), a `crm` on the page, or any
 * `connector`. Guide: docs/embedding.md.
 *
 * @tagname crm-lead-form
 * @fires crm-lead-submit - Cancelable; before the lead is saved and sent. Detail: {@link LeadSubmitDetail}.
 * @fires crm-lead-created - The target accepted the lead. Detail: {@link LeadCreatedDetail}.
 * @fires crm-lead-queued - Saved on this device, to be sent later (offline or retrying). Detail: {@link LeadQueuedDetail}.
 * @fires crm-lead-error - Refused by the target, by a hook, or not saved. Detail: {@link LeadErrorDetail}.
 * (With `data-layer`, each of these is also pushed to `window.dataLayer` or the named array.)
 * @csspart form - the `<form>`
 * @csspart field - each field's wrapper
 * @csspart label - each label
 * @csspart input - each input, select and textarea
 * @csspart hint - a custom field's hint
 * @csspart error - a field's error message
 * @csspart error-summary - the list of problems shown (and focused) after a failed submit
 * @csspart consent - the consent checkbox row
 * @csspart submit - the submit button
 * @csspart status - the live region with the result
 * @csspart definition-error - what the form area shows when its `definition` cannot be used
 * @csspart again - the "send another" button (after a success); after a failure the form's own button, reading "Try again", is the one action
 * @cssprop --crm-font - font shorthand
 * @cssprop --crm-color-text - text colour
 * @cssprop --crm-color-surface - background
 * @cssprop --crm-color-accent - button and focus colour
 * @cssprop --crm-color-on-accent - button text colour
 * @cssprop --crm-color-danger - error colour
 * @cssprop --crm-color-muted - hint colour
 * @cssprop --crm-color-border - input border colour
 * @cssprop --crm-color-input - input background
 * @cssprop --crm-color-input-text - input text colour
 * @cssprop --crm-color-link - link colour
 * @cssprop --crm-radius - corner radius
 * @cssprop --crm-space - space between fields
 * @cssprop --crm-focus-ring - focus outline
 * @cssprop --crm-form-max-width - the form's maximum width
 */
export class CrmLeadForm extends LitElement {
  static override styles = leadFormStyles;

  /** @internal Lit reactive properties (documented on each field below). */
  static override properties = {
    endpoint: {},
    definition: {},
    locale: {},
    fields: {},
    required: {},
    consent: {},
    consentVersion: { attribute: 'consent-version' },
    pipeline: {},
    successMessage: { attribute: 'success-message' },
    submitLabel: { attribute: 'submit-label' },
    formId: { attribute: 'form-id' },
    hiddenFields: { attribute: 'hidden-fields', converter: (v: string | null) => Object.fromEntries(new URLSearchParams(v ?? '')) },
    minFillMs: { attribute: 'min-fill-ms', type: Number },
    country: {},
    dataLayer: { attribute: 'data-layer' },
    customFields: { attribute: false },
    crm: { attribute: false },
    connector: { attribute: false },
    beforeSubmit: { attribute: false },
    delivery: { attribute: false },
    ...INTERNAL_STATE,
  };

  /** crmkit REST intake URL (docs/rest-api.md). Used when neither `connector` nor `crm` is set. */
  endpoint?: string;
  /** The form as JSON, or the URL of a JSON file (CORS; cached for offline visits); else a `<script type="application/json">` child is read. Its fields replace `fields`, `required` and `customFields`; the tag's consent, success and label settings win (docs/embedding.md). */
  definition?: string;
  /** `en`, `ru`, `zh`, `mn` or `uz` (any BCP 47 tag is mapped); default: the nearest `lang`. */
  locale?: string;
  /** Standard fields, in order: any of `name,phone,email,company,message`. */
  fields = 'name,phone,email,message';
  /** Fields that must be filled, e.g. `name,phone` (custom fields: `custom.<name>`). Phone or email is always needed. */
  required = '';
  /** Consent: a URL of the privacy policy, absolute or relative to the page (a standard sentence in the form's language links to it), or the exact sentence to agree to. Adds an unticked, required checkbox. */
  consent?: string;
  /** Version label of the consent text, stored with the evidence (attribute `consent-version`). */
  consentVersion?: string;
  /** Lead pipeline id the lead goes to. */
  pipeline?: string;
  /** Replaces the thank-you sentence (attribute `success-message`). */
  successMessage?: string;
  /** Replaces the button text (attribute `submit-label`). */
  submitLabel?: string;
  /** Identifies the form in the lead's source and in hooks (attribute `form-id`). */
  formId?: string;
  /**
   * Tag managers: when set (attribute `data-layer`; empty means `dataLayer`), each form event is also pushed to
   * that array on `window` as `{ event, formId, … }` — ids, state and counts only, never what the visitor typed.
   */
  dataLayer?: string;
  /** Values sent with every lead in `lead.custom` (attribute `hidden-fields`: `a=1&b=2`). */
  hiddenFields: Record<string, string> = {};
  /** Minimum time (ms) from first render (or the draft's first keystroke) to submit; faster submits are flagged for review (attribute `min-fill-ms`). */
  minFillMs = 3000;
  /** The visitor's country (ISO 3166-1 alpha-2, e.g. `KZ`): a phone typed without `+` is read in its national format. Default: the region of the nearest `lang`, else of the browser's languages. */
  country?: string;
  /** Site-defined fields with their own schemas. */
  customFields: LeadFormCustomField[] = [];
  /** A crmkit instance on the page: leads go to its store, and its `form:beforeSubmit` hook runs. */
  crm?: Crm;
  /** Any lead connector (e.g. Bitrix24 from `@crmkit/plugin-channels`); wins over `crm` and `endpoint`. */
  connector?: LeadConnector;
  /** Runs before the lead is saved: add a captcha token, enrich, or throw to refuse. */
  beforeSubmit?: BeforeSubmit;
  /** Delivery timing (retry delays); mostly for tests. */
  delivery?: DeliveryTiming;

  /** @internal */ values: Record<string, string | boolean> = {};
  /** @internal */ errors = new Map<string, FieldError>();
  /** True while a submit waits for the submit code to load (a second click is ignored). */
  private loadingSubmit = false;
  /** @internal */ formState: LeadFormState = 'idle';
  /** @internal */ statusText = '';
  /** @internal */ docLang = '';
  /** @internal */ honeypot = '';
  /** @internal */ startedAt?: number;
  /** @internal */ renderedAt = Date.now();
  /** @internal */ submitted = false;
  /** @internal */ pendingKey?: string;
  /** @internal */ refusedKey?: string;
  /** @internal */ unwatch?: () => void;
  private langObserver?: MutationObserver;
  /** @internal The definition's fields and texts, once loaded. */
  readonly definitionCtl = new DefinitionController(this);

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** What the form currently shows: `idle`, `invalid`, `sending`, `queued`, `success` or `failed`. */
  get state(): LeadFormState {
    return this.formState;
  }

  /** The locale in use. */
  get effectiveLocale(): Locale {
    return resolveLocale(this.localeTag);
  }

  /** @internal The language tag as given (`zh-Hant-TW`): strings and a definition's texts fall back along it. */
  get localeTag(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || this.docLang || navigator.language;
  }

  /** @internal */
  get t(): LeadFormStrings {
    registerLeadFormTranslations();
    return translate<LeadFormStrings>('leadForm', this.localeTag);
  }

  /** @internal */
  get draftKey(): string {
    return draftKey(this.formId, this.fields);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const draft = loadDraft(this.draftKey);
    if (draft) {
      this.values = { ...draft.values };
      this.startedAt = draft.startedAt;
    }
    this.renderedAt = Date.now();
    // Follow run-time changes of the page language.
    this.langObserver = new MutationObserver(() => (this.docLang = document.documentElement.lang));
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.docLang = document.documentElement.lang;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver?.disconnect();
    this.unwatch?.();
  }

  protected override firstUpdated(): void {
    // Fetch the submit code while the visitor reads the form (once here, going offline loses nothing), then a form token.
    whenIdle(() => void loadDelivery().then((m) => m.prepareForm(this)).catch(() => undefined));
    // After first render: if an earlier visit left leads undelivered, load the delivery code and send them.
    let pending = false;
    try {
      pending = localStorage.getItem('crmkit-lead-outbox-pending') === '1';
    } catch {
      /* storage disabled */
    }
    if (pending) setTimeout(() => void this.flushOutbox(), 0);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Re-word client-side errors when the language changes at run time.
    if ((changed.has('locale') || changed.has('docLang')) && this.errors.size && this.submitted && this.formState === 'invalid') {
      this.errors = this.validate() ?? this.errors;
    }
  }

  /** Sends anything this page can deliver that is waiting in the outbox (called after first render and on reconnect). */
  async flushOutbox(): Promise<void> {
    try {
      await (await loadDelivery()).flush(this);
    } catch {
      /* offline: the chunk will load on the next attempt */
    }
  }

  // ── fields ──

  /** @internal */
  get defs(): RenderedField[] {
    return fieldDefsOf(this);
  }

  /** @internal */
  get consentInfo(): { url?: string; text: string; version?: string } | undefined {
    return consentInfoOf(this);
  }

  /** The form's problems; `undefined` until the validation code (in the submit chunk) has loaded. */
  private validate(): Map<string, FieldError> | undefined {
    const delivery = loadedDelivery();
    if (!delivery) return undefined;
    const errors = delivery.validateLeadForm(this.defs, this.values, this.effectiveLocale);
    if (this.consentInfo && this.values['consent'] !== true) errors.set('consent', { code: 'consent_required', message: this.t.consentRequired });
    return errors;
  }

  /** @internal A control's input or change. */
  onInput(key: string, e: Event): void {
    const el = e.target as HTMLInputElement;
    const value = el.type === 'checkbox' ? el.checked : el.value;
    this.values = { ...this.values, [key]: value };
    this.startedAt ??= Date.now();
    const fresh = this.submitted && this.formState === 'invalid' ? this.validate() : undefined;
    if (fresh) {
      const next = new Map(this.errors);
      if (fresh.has(key)) next.set(key, fresh.get(key)!);
      else next.delete(key);
      this.errors = next;
    }
    this.persistDraft();
    void loadDelivery().then((m) => m.prepareForm(this)).catch(() => undefined); // prefetch, so an offline submit can still reach the outbox
  }

  /** @internal A text control lost focus: check it, once it has something in it. */
  async onBlur(key: string): Promise<void> {
    const v = this.values[key];
    if (typeof v !== 'string' || !v.trim()) return;
    if (!loadedDelivery()) await loadDelivery().catch(() => undefined);
    const err = this.validate()?.get(key);
    const next = new Map(this.errors);
    if (err) next.set(key, err);
    else next.delete(key);
    this.errors = next;
  }

  /** @internal */
  persistDraft(): void {
    const values = { ...this.values };
    delete values['consent'];
    saveDraft(this.draftKey, { values, startedAt: this.startedAt ?? Date.now() });
  }

  // ── submit ──

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.formState === 'sending' || this.loadingSubmit) return;
    this.submitted = true;
    // Once the submit code is here (fetched at idle after first render), validation runs in the click itself.
    const delivery = loadedDelivery() ?? (await this.loadSubmitCode());
    if (!delivery) return;
    const errors = this.validate() ?? new Map<string, FieldError>();
    if (errors.size) return this.showErrors(errors);
    this.setState('sending', '');
    try {
      await delivery.submitLead(this);
    } catch (err) {
      // The outbox itself failed (storage disabled or full): the draft keeps what was typed.
      this.fail(this.t.failedStorage, { kind: 'storage', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Waits for the submit code (a click before the idle prefetch finished); `undefined` when it cannot load. */
  private async loadSubmitCode(): Promise<DeliveryModule | undefined> {
    this.loadingSubmit = true;
    try {
      return await loadDelivery();
    } catch (err) {
      // Offline before it was ever fetched, or served from a CDN without CORS on the chunks: the draft keeps what was typed.
      const message = err instanceof Error ? err.message : String(err);
      console.error(`crm-lead-form: could not load its submit code (${message}). Served from a CDN? The chunks next to lead-form.js need the same CORS headers (docs/embedding.md).`);
      this.fail(this.t.failedLoad, { kind: 'load', message });
      return undefined;
    } finally {
      this.loadingSubmit = false;
    }
  }

  /** @internal */
  fail(text: string, detail: LeadErrorDetail): void {
    this.setState('failed', text);
    this.fire('crm-lead-error', detail);
    void this.focusStatus();
  }

  /** @internal */
  showErrors(errors: Map<string, FieldError>): void {
    this.errors = errors;
    this.setState('invalid', '');
    void this.updateComplete.then(() => (this.renderRoot.querySelector('.summary') as HTMLElement | null)?.focus());
  }

  /** @internal */
  setState(s: LeadFormState, text: string): void {
    this.formState = s;
    this.statusText = text;
  }

  /** @internal */
  async focusStatus(): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector('.status') as HTMLElement | null)?.focus();
  }

  /** @internal */
  fire<T>(type: string, detail: T, cancelable = false): boolean {
    pushDataLayer(this.dataLayer, type, this.formId, detail);
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  private reset(): void {
    this.setState('idle', '');
    this.errors = new Map();
    this.renderedAt = Date.now();
    void this.updateComplete.then(() => (this.renderRoot.querySelector('input,textarea,select') as HTMLElement | null)?.focus());
  }

  // ── render ──

  protected override render(): TemplateResult {
    const t = this.t;
    const done = this.formState === 'success' || this.formState === 'queued';
    return html`<div class="root" lang=${this.effectiveLocale}>
      ${done ? nothing : (this.definitionCtl.placeholder() ?? this.renderForm(t))}
      <div part="status" class="status ${this.formState === 'failed' ? 'failed' : ''}" role="status" aria-live="polite" tabindex="-1">${this.statusText ? html`<p>${this.statusText}</p>` : nothing}</div>
      ${done ? html`<button part="again" type="button" @click=${this.reset}>${t.sendAnother}</button>` : nothing}
    </div>`;
  }

  private renderForm(t: LeadFormStrings): TemplateResult {
    const sending = this.formState === 'sending';
    const errs = [...this.errors];
    const defs = this.defs;
    const consent = this.consentInfo;
    const order = [...defs.map((d) => d.key), 'consent', FORM_KEY];
    errs.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    return html`<form part="form" novalidate @submit=${this.onSubmit} @focusin=${() => void loadDelivery().catch(() => undefined)}>
      ${errs.length && this.formState === 'invalid' ? loadedDelivery()?.renderErrorSummary(this, errs, t) : nothing}
      ${defs.map((d) => renderField(this, d, t))}
      ${consent ? renderConsent(this, consent, t) : nothing}
      <div class="hp" aria-hidden="true">
        <label for="hp-url">${t.honeypot}</label>
        <input id="hp-url" name="hp-url" type="text" tabindex="-1" autocomplete="off" @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)} />
      </div>
      <button part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${sending ? t.sending : this.formState === 'failed' ? t.retry : this.submitLabel || pickText(this.definitionCtl.definition?.submitLabel, this.localeTag) || t.submit}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-lead-form': CrmLeadForm;
  }
}
