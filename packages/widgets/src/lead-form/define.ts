import { CrmLeadForm } from './crm-lead-form.js';

/**
 * Registers the lead form as `tag` (default `crm-lead-form`). Does nothing
 * when the tag is already taken, so two bundles on one page do not throw; a
 * custom tag gets its own subclass, so two versions can coexist.
 */
export function defineLeadForm(tag = 'crm-lead-form'): typeof CrmLeadForm {
  const existing = customElements.get(tag);
  if (existing) return existing as typeof CrmLeadForm;
  const cls = tag === 'crm-lead-form' ? CrmLeadForm : class extends CrmLeadForm {};
  customElements.define(tag, cls);
  return cls;
}
