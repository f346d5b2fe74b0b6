/**
 * The import widget: `<crm-import-wizard>`. The class is exported without
 * registering the tag; call `defineImportWizard()` (or import the
 * self-registering `dist/import-widgets.js`).
 *
 * @packageDocumentation
 */

export { CrmImportWizard, defineImportWizard, type ImportWizardStep, type ImportStartDetail, type ImportUndoneDetail } from './crm-import-wizard/crm-import-wizard.js';
export { IMPORT_WIZARD_NAMESPACE, type ImportWizardStrings } from './crm-import-wizard/strings.js';
export { IMPORT_TRANSLATIONS, registerImportTranslations } from '../locales/import-translations.js';
export type { ImportStrings } from '../locales/en.js';
