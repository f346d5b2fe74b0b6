// Self-registering bundle of the import wizard, for one <script type="module">.
import { defineImportWizard } from './index.js';

defineImportWizard();

export * from './index.js';
