import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { createCrm, memoryStore } from '@crmkit/core';
import { defineFunnelBoard, type CrmFunnelBoard } from '../funnel-board/crm-funnel-board.js';
import { registerBuiltinTranslations } from '../locales/builtin-translations.js';
import { intlTag } from './intl-tag.js';
import { xx } from './pseudo-locale.fixture.js';
import { TranslationController } from './translation-controller.js';
import { localeChain, registerTranslation, resolveTranslationLocale, translate } from './translation-registry.js';
import type { FunnelBoardStrings } from '../funnel-board/strings.js';

registerBuiltinTranslations();
defineFunnelBoard();

interface ReportStrings {
  title: string;
  rows: (n: number) => string;
}

/** A plugin's widget: its own namespace, read through the controller. */
class TestReport extends LitElement {
  @property() locale = '';
  private readonly i18n = new TranslationController<ReportStrings>(this, 'test-report');
  override render() {
    return html`<h2>${this.i18n.t.title}</h2><p>${this.i18n.t.rows(3)}</p>`;
  }
}
customElements.define('test-report', TestReport);

registerTranslation('en', { 'test-report': { title: 'Report', rows: (n: number) => `${n} rows` } satisfies ReportStrings });
registerTranslation('ru', { 'test-report': { title: 'Отчёт', rows: (n: number) => `строк: ${n}` } satisfies ReportStrings });

describe('translation registry', () => {
  it('falls back along the BCP 47 chain to the language, then to English', () => {
    expect(localeChain('zh-Hans-CN')).to.deep.equal(['zh-hans-cn', 'zh-hans', 'zh', 'en']);
    expect(translate<FunnelBoardStrings>('board', 'ru-KZ').pipeline).to.equal('Воронка');
    expect(translate<FunnelBoardStrings>('board', 'zh-Hans-CN').pipeline).to.equal(translate<FunnelBoardStrings>('board', 'zh').pipeline);
    expect(resolveTranslationLocale('zh-Hans-CN', 'board')).to.equal('zh');
    expect(translate<FunnelBoardStrings>('board', 'fr-CA').pipeline).to.equal('Pipeline');
    expect(resolveTranslationLocale('fr-CA', 'board')).to.equal('en');
  });

  it('takes each key from the most specific tag that has it', () => {
    registerTranslation('ru-KZ', { board: { pipeline: 'Воронка продаж' } });
    const t = translate<FunnelBoardStrings>('board', 'ru-KZ');
    expect(t.pipeline).to.equal('Воронка продаж');
    expect(t.owner).to.equal(translate<FunnelBoardStrings>('board', 'ru').owner);
    expect(translate<FunnelBoardStrings>('board', 'ru').pipeline).to.equal('Воронка');
  });

  it('maps uz and mn to their everyday scripts for Intl, in one place', () => {
    expect(intlTag('uz')).to.equal('uz-Latn');
    expect(intlTag('mn')).to.equal('mn-Cyrl');
    expect(intlTag('ru-KZ')).to.equal('ru-KZ');
  });

  it('lets a plugin register its namespace, and its widget re-renders on a language switch', async () => {
    const el = await fixture<TestReport>(html`<test-report locale="en"></test-report>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Report');
    el.locale = 'ru-RU';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Отчёт');
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('строк: 3');
    registerTranslation('ru', { 'test-report': { title: 'Сводка' } });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Сводка');
  });

  it('follows the page language when the widget has no locale of its own', async () => {
    const before = document.documentElement.lang;
    try {
      document.documentElement.lang = 'en';
      const el = await fixture<TestReport>(html`<test-report></test-report>`);
      expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Report');
      document.documentElement.lang = 'ru';
      await new Promise((r) => setTimeout(r, 0));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('строк: 3');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('speaks a sixth language added as one module and one registration', async () => {
    registerTranslation('xx', xx);
    const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
    try {
      const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="sales" locale="xx"></crm-funnel-board>`);
      await board.updateComplete;
      const labels = [...board.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent?.trim() ?? '');
      expect(labels.length).to.be.greaterThan(0);
      for (const label of labels) expect(label.startsWith('⟦'), label).to.equal(true);
    } finally {
      await crm.close();
    }
  });
});
