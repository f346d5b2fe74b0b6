import { CrmPlanner } from './crm-planner.js';

/** Registers `<crm-planner>` (or the class under a tag of your own). Does nothing if the tag is taken. */
export function definePlanner(tagName = 'crm-planner'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, class extends CrmPlanner {});
}
