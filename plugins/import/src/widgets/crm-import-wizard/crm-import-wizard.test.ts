import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, dexieStore, type Crm, type Store } from '@crmkit/core';
import { registerTranslation } from '@crmkit/widgets';
import { xx } from '../../locales/pseudo-locale.fixture.js';
import { encodeLegacy, encodeUtf16 } from '../../test/encode.js';
import { describe, it } from '../../test/mocha.js';
import type { ImportResult } from '../../write/import-types.js';
import { defineImportWizard, type CrmImportWizard, type ImportUndoneDetail } from './crm-import-wizard.js';

defineImportWizard();

const TEAM = [{ id: 'ann', name: 'Анна Смирнова', role: 'manager' as const }];

const BITRIX =
  'ID;Имя;Фамилия;Рабочий телефон;Рабочий e-mail;Компания;Ответственный\r\n' +
  '1;Иван;Петров;8 (903) 095-27-29;ivan@example.ru;ООО Ромашка;Анна Смирнова\r\n' +
  '2;Ольга;;+7 903 111-22-33;не-почта;ООО Ромашка;\r\n' +
  '3;;;;;Без имени;\r\n' +
  '4;Пётр;Иванов;+7 903 222-33-44;petr@example.ru;ИП Сидоров;Никто\r\n';

async function newCrm(): Promise<{ crm: Crm; store: Store }> {
  const store = dexieStore(`t-wizard-${Math.random()}`);
  const crm = await createCrm({ store, users: TEAM, automationIntervalMs: false, phoneCountry: 'RU', now: () => new Date('2026-03-02T09:00:00Z') });
  return { crm, store };
}

async function dump(store: Store): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of ['contacts', 'companies', 'history'] as const) out[t] = await store.query(t);
  return JSON.stringify(out);
}

async function mount(crm: Crm, locale = 'en'): Promise<CrmImportWizard> {
  return fixture<CrmImportWizard>(html`<crm-import-wizard .crm=${crm} entity="contact" locale=${locale}></crm-import-wizard>`);
}

const $ = <T extends Element>(el: CrmImportWizard, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = (el: CrmImportWizard, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: CrmImportWizard, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: CrmImportWizard, label: string) => {
  const b = $$(el, 'button').find((x) => x.textContent?.trim() === label);
  if (!b) throw new Error(`no button "${label}" in ${$$(el, 'button').map((x) => x.textContent?.trim()).join(' | ')}`);
  return b as HTMLButtonElement;
};

/** Drops a file on the drop zone, the way a user's drag and drop does. */
function drop(el: CrmImportWizard, file: File): void {
  const data = new DataTransfer();
  data.items.add(file);
  $(el, '[part="dropzone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
}

async function until(el: CrmImportWizard, step: CrmImportWizard['step']): Promise<void> {
  await waitUntil(() => el.step === step && !text(el, '[role="status"]'), `the wizard did not reach "${step}" (at "${el.step}": ${text(el, '[role="alert"]')})`, { timeout: 15000 });
  await el.updateComplete;
}

describe('<crm-import-wizard>', () => {
  it('drop → detected encoding, delimiter and mapping → preview with row errors → import → undo restores the store', async () => {
    const { crm, store } = await newCrm();
    const before = await dump(store);
    const el = await mount(crm);
    await expect(el).to.be.accessible();
    drop(el, new File([encodeLegacy(BITRIX, 'windows-1251') as BlobPart], 'bitrix.csv', { type: 'text/csv' }));
    await until(el, 'map');
    expect($<HTMLSelectElement>(el, 'select[name="encoding"]')!.value).to.equal('windows-1251');
    expect($<HTMLSelectElement>(el, 'select[name="delimiter"]')!.value).to.equal(';');
    const picked = Object.fromEntries($$(el, 'select[data-column]').map((s) => [s.dataset['column'], (s as HTMLSelectElement).value]));
    expect(picked).to.deep.include({ Имя: 'name.first', Фамилия: 'name.last', 'Рабочий телефон': 'phone', 'Рабочий e-mail': 'email', Компания: 'company', Ответственный: 'owner' });
    expect(text(el, 'table[part="mapping"] tbody tr:nth-child(2) td')).to.equal('Иван');
    await expect(el).to.be.accessible();

    button(el, 'Check the rows').click();
    await until(el, 'preview');
    expect(text(el, 'h3')).to.equal('Check before importing');
    expect(text(el, 'h3 + p')).to.equal('New: 1. Updated: 0. Skipped as duplicates: 0. With errors (will not be imported): 3.');
    const errors = $$(el, 'ul[part="errors"] li').map((li) => li.textContent?.trim());
    expect(errors[0]).to.match(/^Row 3, column “Рабочий e-mail”: /);
    expect(errors[1]).to.match(/^Row 4, column “Имя”: /);
    expect(errors[2]).to.match(/^Row 5, column “Ответственный”: /);
    expect($$(el, 'table[part="preview"] tbody tr.bad').map((tr) => tr.querySelector('th')?.textContent)).to.deep.equal(['3', '4', '5']);
    expect(await dump(store)).to.equal(before, 'the check wrote nothing');
    await expect(el).to.be.accessible();

    let done: ImportResult | undefined;
    el.addEventListener('crm-import-done', (e) => (done = (e as CustomEvent<ImportResult>).detail));
    button(el, 'Import 1 rows').click();
    await until(el, 'done');
    expect(done?.created).to.equal(1);
    expect(Object.fromEntries($$(el, 'dl.counts > div').map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent]))).to.deep.equal({ Created: '1', Updated: '0', Skipped: '0', 'With errors': '3' });
    expect((await crm.contacts.list()).map((c) => c.name)).to.deep.equal(['Иван Петров']);
    await expect(el).to.be.accessible();

    let undone: ImportUndoneDetail | undefined;
    el.addEventListener('crm-import-undone', (e) => (undone = (e as CustomEvent<ImportUndoneDetail>).detail));
    button(el, 'Undo this import').click();
    await waitUntil(() => undone, 'undo did not finish', { timeout: 15000 });
    await el.updateComplete;
    expect(undone!.batchId).to.equal(done!.batchId);
    expect(text(el, 'p[role="status"]:not([part])')).to.equal('The import was undone: 2 records removed, 0 restored.');
    expect(await dump(store)).to.equal(before, 'the store is as it was');
    await expect(el).to.be.accessible();
    await crm.close();
  });

  it('picks a file with the keyboard-operable input; every guess can be changed and the file is read again', async () => {
    const { crm } = await newCrm();
    const el = await mount(crm);
    const input = $<HTMLInputElement>(el, 'input[type="file"]')!;
    expect(input.labels?.[0]?.textContent?.trim()).to.equal('Choose a file');
    const data = new DataTransfer();
    data.items.add(new File([encodeUtf16('Name\tPhone\r\nFrançois\t+7 903 095-27-29\r\n', 'le', true) as BlobPart], 'excel.txt'));
    input.files = data.files;
    input.dispatchEvent(new Event('change'));
    await until(el, 'map');
    expect([el.table?.encoding, el.table?.delimiter]).to.deep.equal(['utf-16le', '\t']);
    expect(text(el, 'table[part="mapping"] tbody tr td')).to.equal('François');

    const delimiter = $<HTMLSelectElement>(el, 'select[name="delimiter"]')!;
    delimiter.value = ',';
    delimiter.dispatchEvent(new Event('change'));
    await waitUntil(() => el.table?.delimiter === ',', 'the file was not read again', { timeout: 15000 });
    expect(el.table!.headers).to.deep.equal(['Name\tPhone']);

    const mappingSelect = () => $<HTMLSelectElement>(el, 'select[data-column]')!;
    mappingSelect().value = '';
    mappingSelect().dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(button(el, 'Check the rows').disabled).to.equal(true);
    expect(text(el, '.settings ~ p.error')).to.equal('Choose where at least one column goes.');
    await crm.close();
  });

  it('says why a file cannot be read, in an alert', async () => {
    const { crm } = await newCrm();
    const el = await mount(crm);
    drop(el, new File([], 'empty.csv'));
    await waitUntil(() => text(el, '[role="alert"]'), 'no error shown', { timeout: 15000 });
    expect(text(el, '[role="alert"]')).to.match(/^The file could not be read: The file "empty.csv" is empty/);
    expect(el.step).to.equal('file');
    await expect(el).to.be.accessible();
    await crm.close();
  });

  it('shows progress, and Cancel stops the import keeping what was written undoable', async () => {
    const { crm } = await newCrm();
    const el = await mount(crm);
    // The import's batches after the first wait until Cancel was pressed: Cancel lands mid-import however fast the machine is.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let writes = 0;
    const importBatch = crm.contacts.importBatch.bind(crm.contacts);
    crm.contacts.importBatch = async (rows, options) => {
      if (!options.dryRun && writes++ > 0) await held;
      return importBatch(rows, options);
    };
    const lines = ['Name,Email'];
    for (let i = 0; i < 3000; i++) lines.push(`Person ${i},p${i}@example.com`);
    drop(el, new File([lines.join('\n')], 'people.csv'));
    await until(el, 'map');
    button(el, 'Check the rows').click();
    await until(el, 'preview');
    button(el, 'Import 3,000 rows').click();
    await waitUntil(() => el.step === 'importing' && Number($<HTMLProgressElement>(el, 'progress')?.value) > 0, 'no progress shown', { timeout: 15000 });
    const bar = $<HTMLProgressElement>(el, 'progress')!;
    expect(bar.max).to.equal(3000);
    expect(bar.getAttribute('aria-valuetext')).to.match(/^[\d,]+ of 3,000 rows done$/);
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    release();
    await until(el, 'done');
    const result = el.result!;
    expect(result.cancelled).to.equal(true);
    expect(result.created).to.be.greaterThan(0).and.lessThan(3000);
    expect(text(el, 'h3 + p')).to.match(/^The import was cancelled/);
    expect((await crm.contacts.list()).length).to.equal(result.created);
    button(el, 'Undo this import').click();
    await waitUntil(() => text(el, 'p[role="status"]:not([part])'), 'undo did not finish', { timeout: 15000 });
    expect((await crm.contacts.list()).length).to.equal(0);
    await crm.close();
  });

  it('a listener can refuse to start the import (cancelable crm-import-start)', async () => {
    const { crm } = await newCrm();
    const el = await mount(crm);
    el.addEventListener('crm-import-start', (e) => e.preventDefault());
    drop(el, new File(['Name\nAnn\n'], 'a.csv'));
    await until(el, 'map');
    button(el, 'Check the rows').click();
    await until(el, 'preview');
    button(el, 'Import 1 rows').click();
    await el.updateComplete;
    expect(el.step).to.equal('preview');
    expect(await crm.contacts.list()).to.have.length(0);
    await crm.close();
  });

  const LOCALES = {
    ru: ['Импорт контактов', 'Проверить строки', 'Кодировка'],
    zh: ['导入联系人', '检查数据行', '文本编码'],
    mn: ['Харилцагч импортлох', 'Мөрүүдийг шалгах', 'Текстийн кодчилол'],
    uz: ['Kontaktlarni import qilish', 'Qatorlarni tekshirish', 'Matn kodirovkasi'],
    en: ['Import contacts', 'Check the rows', 'Text encoding'],
  } as const;
  for (const [locale, [title, check, encoding]] of Object.entries(LOCALES)) {
    it(`speaks ${locale}`, async () => {
      const { crm } = await newCrm();
      const el = await mount(crm, locale);
      expect(text(el, 'h2')).to.equal(title);
      drop(el, new File(['Имя;Телефон\nАнна;+7 903 095-27-29\n'], 'a.csv'));
      await until(el, 'map');
      expect(button(el, check)).to.exist;
      expect($(el, 'select[name="encoding"]')!.parentElement!.textContent).to.contain(encoding);
      await expect(el).to.be.accessible();
      await crm.close();
    });
  }

  it('speaks a sixth language added as one module and one registration', async () => {
    registerTranslation('xx', xx);
    const { crm } = await newCrm();
    const el = await mount(crm, 'xx');
    expect(text(el, 'h2')).to.equal('⟦Import contacts⟧');
    drop(el, new File(['Имя;Телефон\nАнна;+7 903 095-27-29\n'], 'a.csv'));
    await until(el, 'map');
    const words = $$(el, 'h2, label, legend, button, thead th').map((x) => x.textContent?.replace(/\s+/g, ' ').trim() ?? '').filter(Boolean);
    expect(words).to.include('⟦Check the rows⟧');
    for (const word of words) expect(word.startsWith('⟦'), word).to.equal(true);
    await expect(el).to.be.accessible();
    await crm.close();
  });
});
