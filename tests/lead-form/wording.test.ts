import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { VALIDATION_MESSAGES } from '@crmkit/core';
import { defineLeadForm, type CrmLeadForm } from '@crmkit/widgets';

defineLeadForm();

async function emptySubmit(locale: string): Promise<CrmLeadForm> {
  const f = await fixture<CrmLeadForm>(
    html`<crm-lead-form locale=${locale} endpoint="/api/leads" fields="name,phone,message" required="name" consent="https://example.com/privacy"></crm-lead-form>`,
  );
  (f.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
  await waitUntil(() => f.state === 'invalid', `no validation (state ${f.state})`, { timeout: 10000 });
  return f;
}

describe('<crm-lead-form> wording', () => {
  it('Chinese: full-width punctuation, 个人信息 and 留言, a phone hint without an area code', async () => {
    const f = await emptySubmit('zh');
    const root = f.shadowRoot!;
    const nameLabel = root.querySelector('label[for="f-name"]')!.textContent!.replace(/\s+/g, '');
    expect(nameLabel).to.contain('（必填）');
    expect(nameLabel).to.not.contain('(');
    const items = [...root.querySelectorAll('[part="error-summary"] li')].map((li) => li.textContent!.trim());
    expect(items.length).to.be.greaterThan(0);
    for (const item of items) {
      expect(item, item).to.contain('：');
      expect(item, item).to.not.contain(': ');
    }
    expect(root.querySelector('[part~="consent"]')!.textContent).to.contain('个人信息');
    expect(root.querySelector('label[for="f-message"]')!.textContent).to.contain('留言');
    expect(VALIDATION_MESSAGES.zh.invalid_phone).to.not.contain('区号');
  });

  it('Russian consent reads the same for every visitor (no masculine-only "согласен")', async () => {
    const f = await emptySubmit('ru');
    const consent = f.shadowRoot!.querySelector('[part~="consent"]')!.textContent!;
    expect(consent).to.not.match(/соглас(ен|на)\b/);
    expect(consent).to.contain('Даю согласие на обработку персональных данных');
  });

  it('English phone example is a US/UK number', () => {
    expect(VALIDATION_MESSAGES.en.invalid_phone).to.match(/\+(1|44) \d/);
    expect(VALIDATION_MESSAGES.en.invalid_phone).to.not.contain('+7');
  });
});
