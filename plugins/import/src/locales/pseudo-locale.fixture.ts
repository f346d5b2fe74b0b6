// A sixth language for the tests, added the way a real one is: one module typed by the
// English one (here a pseudo-locale that brackets every English string, so any text the
// wizard shows without the registry stands out).
import { pseudoLocale } from '@crmkit/widgets';
import { en, type ImportStrings } from './en.js';

/** Every string of the plugin, bracketed. */
export const xx: ImportStrings = pseudoLocale(en);
