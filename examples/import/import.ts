// The import demo: <crm-import-wizard> over a CRM in this browser's
// IndexedDB, with sample files in the shapes real exports come in.
import { createCrm, dexieStore } from '@crmkit/core';
import { defineImportWizard, type CrmImportWizard } from '@crmkit/plugin-import/widgets';
import { DEMO_USERS } from '../workspace/demo-data.js';
import { sampleFile } from './samples.js';

defineImportWizard();

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const wizard = $<CrmImportWizard>('crm-import-wizard');
const localeSelect = $<HTMLSelectElement>('#locale');
const entitySelect = $<HTMLSelectElement>('#entity');
const counts = $<HTMLParagraphElement>('#counts');

const saved = localStorage.getItem('crmkit-demo-locale') ?? 'en';
localeSelect.value = saved;
document.documentElement.lang = saved;

const crm = await createCrm({ store: dexieStore('crmkit-demo-import'), users: DEMO_USERS, currentUser: DEMO_USERS[0]?.id, phoneCountry: 'RU', locale: saved });
wizard.crm = crm;

async function showCounts(): Promise<void> {
  const n = async (table: 'contacts' | 'companies' | 'leads' | 'deals') => (await crm.store.query(table)).length;
  counts.textContent = `Contacts: ${await n('contacts')} · companies: ${await n('companies')} · leads: ${await n('leads')} · deals: ${await n('deals')}`;
}
let pending: ReturnType<typeof setTimeout> | undefined;
crm.store.subscribe(() => {
  clearTimeout(pending);
  pending = setTimeout(() => void showCounts(), 300);
});
void showCounts();

localeSelect.addEventListener('change', () => {
  document.documentElement.lang = localeSelect.value;
  localStorage.setItem('crmkit-demo-locale', localeSelect.value);
});
entitySelect.addEventListener('change', () => {
  wizard.entity = entitySelect.value as CrmImportWizard['entity'];
  wizard.reset();
});
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-sample]')) {
  button.addEventListener('click', () => {
    const file = sampleFile(button.dataset['sample'] as Parameters<typeof sampleFile>[0]);
    entitySelect.value = 'contact';
    wizard.entity = 'contact';
    wizard.reset();
    void wizard.loadFile(file);
  });
}
