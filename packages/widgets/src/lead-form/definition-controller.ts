import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { LocalizedText } from '@crmkit/core/i18n';
import type { LeadFormDefinition } from '@crmkit/core/schemas';
import type { CrmLeadForm } from './crm-lead-form.js';
import type * as DefinitionModule from './definition.js';
import type { LeadFormCustomField } from './types.js';

/** A field of a definition as the form uses it: a built-in one (its label and hint optional), or a custom one with its schema. */
export type DefinedField = { builtin: true; name: string; label?: LocalizedText; hint?: LocalizedText; required?: boolean } | (LeadFormCustomField & { builtin?: undefined });

let chunk: Promise<typeof DefinitionModule> | undefined;

/**
 * The form's `definition` (or its `<script type="application/json">` child):
 * loads the definition chunk only when one is set, and holds what it gave —
 * the fields, or the problem to show instead of them.
 */
export class DefinitionController implements ReactiveController {
  /** The checked definition, once it is here. */
  definition?: LeadFormDefinition;
  /** Its fields; `undefined` without a definition. */
  fields?: DefinedField[];
  private source?: string;
  private view?: (tag: string) => TemplateResult | typeof nothing;

  constructor(private readonly host: CrmLeadForm) {
    host.addController(this);
  }

  /** What the form area shows instead of the fields: nothing while the definition loads, its error when it fails; `undefined` when the fields are ready. */
  placeholder(): TemplateResult | typeof nothing | undefined {
    return this.view?.(this.host.localeTag);
  }

  hostUpdate(): void {
    const src = this.host.definition || (this.host.querySelector(':scope>script[type="application/json"]')?.textContent ?? undefined);
    if (src === this.source) return;
    this.source = src;
    this.definition = this.fields = undefined;
    this.view = src === undefined ? undefined : () => nothing;
    if (src !== undefined) void this.load(src);
  }

  private async load(src: string): Promise<void> {
    try {
      const m = await (chunk ??= import('./definition.js'));
      const r = await m.resolveDefinition(src);
      if (src !== this.source) return;
      if (r.ok) {
        this.definition = r.definition;
        this.fields = r.fields;
        this.view = undefined;
      } else {
        this.view = (tag) => {
          const [sentence, detail] = m.problemText(r.problem, tag);
          return html`<div part="definition-error" class="status failed" role="alert"><p>${sentence}</p><p><code>${detail}</code></p></div>`;
        };
        m.reportProblem(this.host, r.problem);
      }
    } catch (err) {
      // Offline before the chunk was ever fetched, or a CDN without CORS on chunks/: the form's usual "could not load".
      chunk = undefined;
      if (src === this.source) this.host.fail(this.host.t.failedLoad, { kind: 'load', message: `definition: ${err instanceof Error ? err.message : String(err)}` });
    }
    this.host.requestUpdate();
  }
}
