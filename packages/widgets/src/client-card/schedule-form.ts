import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../shared/format.js';
import { toLocalDateTimeValue } from './next-step-times.js';
import { newStep, type StepDraft, type StepFormContext } from './step-form-context.js';

/**
 * The "set the next step" form: type, title, quick due-time buttons and a
 * date-time input; below it, on an open lead or deal, the button that opens
 * the close form. @internal
 */
export class ScheduleForm {
  private step: StepDraft = newStep();

  constructor(private readonly ctx: StepFormContext) {}

  /** Forgets what was typed (the card now shows another record). */
  reset(): void {
    this.step = newStep();
  }

  /** Schedules the next step, due at a quick time or (`custom`) the chosen date and time. */
  async schedule(when: string): Promise<void> {
    const { ctx } = this;
    const { crm, data, t } = ctx.host;
    const step = this.step;
    if (!crm || !data || step.busy) return;
    const due = ctx.dueOf(when, step.at);
    delete step.error;
    if (typeof due === 'string') {
      step.error = due;
      ctx.host.requestUpdate();
      ctx.host.focusLater(when === 'custom' ? '#ns-at' : '#ns-title');
      return;
    }
    step.busy = true;
    ctx.host.requestUpdate();
    try {
      const activity = await crm.activities.schedule({ recordType: data.type, recordId: data.record.id, type: step.type, title: step.title.trim() || ctx.typeLabel(step.type), dueAt: due });
      this.step = { ...newStep(), type: step.type };
      ctx.host.announce(t.scheduled(activity.title, formatDateTime(activity.dueAt, ctx.host.uiLocale)));
      ctx.host.fire('crm-next-step-scheduled', { activity });
    } catch (err) {
      step.error = ctx.host.errorText(err);
    } finally {
      step.busy = false;
      ctx.host.requestUpdate();
    }
  }

  /** The form; `onClose` opens the close form (offered on an open lead or deal). */
  render(onClose: () => void): TemplateResult {
    const { ctx } = this;
    const t = ctx.host.t;
    const s = this.step;
    return html`<form novalidate part="schedule-form" class="schedule" @submit=${(e: Event) => (e.preventDefault(), this.schedule('custom'))}>
        <fieldset>
          <legend>${ctx.host.data?.pending.length ? t.addStep : t.setNextStep}</legend>
          <div class="row">
            <div class="cell">${ctx.renderTypeSelect('ns-type', s)}</div>
            <div class="cell grow">${ctx.renderTitleInput('ns-title', s)}</div>
          </div>
          <div class="quick" role="group" aria-label=${t.when}>
            ${ctx.quickTimes.map(
              (q) => html`<button type="button" part="quick-button" class="quick-button" data-quick=${q.id} ?disabled=${s.busy} @click=${() => this.schedule(q.id)}>
                ${ctx.quickLabel(q)} <span class="hint">${ctx.quickHint(q)}</span>
              </button>`,
            )}
          </div>
          <div class="row">
            <div class="cell">
              <label for="ns-at">${t.dateTime}</label>
              <input
                id="ns-at"
                part="input"
                type="datetime-local"
                min=${toLocalDateTimeValue(ctx.now)}
                .value=${s.at}
                aria-invalid=${s.error ? 'true' : 'false'}
                aria-describedby=${s.error ? 'ns-error' : nothing}
                @input=${(e: Event) => (s.at = (e.target as HTMLInputElement).value)}
              />
            </div>
            <button type="submit" part="button" ?disabled=${s.busy}>${t.schedule}</button>
          </div>
          ${s.error ? html`<p part="error" class="error" id="ns-error" role="alert">${s.error}</p>` : nothing}
        </fieldset>
      </form>
      ${ctx.isOpenFunnel ? html`<button type="button" part="button" id="close-open" class="close-open" @click=${onClose}>${t.closeRecord(ctx.host.data?.type as 'lead' | 'deal')}</button>` : nothing}`;
  }
}
