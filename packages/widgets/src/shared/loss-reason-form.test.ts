import { LitElement, html as litHtml, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { SALES_PIPELINE, LEADS_PIPELINE, type LossReason } from '@crmkit/core';
import { LossReasonForm, lossReasonFormStyles, type LossReasonAnswer } from './loss-reason-form.js';
import type { LossRecordKind } from './loss-reason-strings.js';

/** A minimal host, as the board and the card use the form. */
class LossFormHost extends LitElement {
  static override styles = [lossReasonFormStyles];
  @property() locale = '';
  @property() kind: LossRecordKind = 'deal';
  @property({ attribute: false }) reasons: readonly LossReason[] = SALES_PIPELINE.lossReasons;
  answers: LossReasonAnswer[] = [];
  cancelled = 0;
  readonly form = new LossReasonForm(this, 'lf');
  protected override render(): TemplateResult {
    return litHtml`${this.form.renderForm({
      kind: this.kind,
      recordTitle: 'Boiler',
      reasons: this.reasons,
      onSubmit: (a) => this.answers.push(a),
      onCancel: () => (this.cancelled += 1),
    })}`;
  }
}
customElements.define('loss-form-host', LossFormHost);

async function mount(kind: LossRecordKind, locale = 'en', reasons?: readonly LossReason[]): Promise<LossFormHost> {
  const el = await fixture<LossFormHost>(html`<loss-form-host .kind=${kind} locale=${locale} .reasons=${reasons ?? (kind === 'lead' ? LEADS_PIPELINE.lossReasons : SALES_PIPELINE.lossReasons)}></loss-form-host>`);
  await el.updateComplete;
  return el;
}
const q = <T extends Element = HTMLElement>(el: LossFormHost, sel: string) => el.shadowRoot!.querySelector(sel) as T;
const submit = async (el: LossFormHost) => {
  q<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await el.updateComplete;
  await aTimeout(0);
};
const radio = (el: LossFormHost, id: string) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.value === id)!;

describe('loss-reason form (shared)', () => {
  it('words a lead as junk and a deal as lost', async () => {
    const lead = await mount('lead');
    expect(q(lead, 'h2').textContent).to.equal('Why is “Boiler” junk?');
    expect(q(lead, 'button.primary').textContent).to.equal('Close as junk');
    expect(lead.shadowRoot!.textContent).not.to.contain('lost');
    const deal = await mount('deal');
    expect(q(deal, 'h2').textContent).to.equal('Why was “Boiler” lost?');
    expect(q(deal, 'button.primary').textContent).to.equal('Close as lost');
  });

  it('offers the configured reasons, in the form’s language', async () => {
    const el = await mount('deal', 'ru');
    const labels = [...el.shadowRoot!.querySelectorAll('label.reason')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Дорого', 'Выбрали конкурента', 'Нет бюджета', 'Перестал отвечать', 'Не сейчас', 'Другое']);
    expect(q(el, 'h2').textContent).to.equal('Почему «Boiler» проиграна?');
  });

  it('refuses without a reason, then asks for a comment on “other”, naming the field, and moves focus there', async () => {
    const el = await mount('deal');
    await submit(el);
    expect(el.answers).to.deep.equal([]);
    expect(q(el, '#lf-reason-error').textContent).to.equal('Choose a reason.');
    expect(q(el, 'fieldset').getAttribute('aria-describedby')).to.equal('lf-reason-error');
    expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'price'));
    await expect(el).to.be.accessible();

    radio(el, 'other').click();
    await el.updateComplete;
    expect(q(el, '#lf-reason-error')).to.equal(null);
    expect(q(el, 'label:not(.reason)').textContent).to.contain('required');
    await submit(el);
    expect(el.answers).to.deep.equal([]);
    expect(q(el, '#lf-comment-error').textContent).to.equal('This reason needs a comment.');
    const textarea = q<HTMLTextAreaElement>(el, 'textarea');
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(textarea);
    await expect(el).to.be.accessible();

    textarea.value = '  Moved abroad ';
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await submit(el);
    expect(el.answers).to.deep.equal([{ reason: 'other', comment: 'Moved abroad' }]);
  });

  it('sends a reason without a comment when none is needed', async () => {
    const el = await mount('lead');
    radio(el, 'spam').click();
    await submit(el);
    expect(el.answers).to.deep.equal([{ reason: 'spam' }]);
  });

  it('cancels with the button and with Escape, and starts empty after reset()', async () => {
    const el = await mount('deal');
    radio(el, 'price').click();
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    q(el, 'textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    expect(el.cancelled).to.equal(2);
    el.form.reset();
    await el.updateComplete;
    expect(radio(el, 'price').checked).to.equal(false);
  });

  it('says so when the pipeline has no loss reasons, instead of a form that cannot succeed', async () => {
    const el = await mount('deal', 'en', []);
    expect(q(el, '[role="alert"]').textContent).to.contain('no loss reasons set up');
    expect(q<HTMLButtonElement>(el, 'button.primary').disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
