import { html, nothing, type TemplateResult } from 'lit';

/** What one step button shows and does. @internal */
export interface StepView {
  id: string;
  time: string;
  type: string;
  title: string;
  record: string | undefined;
  /** The "overdue" badge text when overdue. */
  overdue: string | undefined;
  grabbed: boolean;
  onClick: () => void;
  onKey: (e: KeyboardEvent) => void;
}

/** One step of a planner cell: a button (click opens, Space picks up) with its time, type, title, record and overdue mark. @internal */
export function renderStep(v: StepView): TemplateResult {
  const overdue = v.overdue ? ' overdue' : '';
  const grabbed = v.grabbed ? ' grabbed' : '';
  return html`<li><button part="step${overdue && ' step-overdue'}${grabbed && ' step-grabbed'}" type="button" class="step${overdue}${grabbed}" data-step=${v.id} aria-describedby="instructions" aria-pressed=${v.grabbed} @click=${v.onClick} @keydown=${v.onKey}><span class="time">${v.time}</span><span class="type">${v.type}</span><span class="title">${v.title}</span>${v.record ? html`<span class="record">${v.record}</span>` : nothing}${v.overdue ? html`<span class="badge">${v.overdue}</span>` : nothing}</button></li>`;
}
