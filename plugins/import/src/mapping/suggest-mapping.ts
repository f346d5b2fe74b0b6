import { IMPORT_TARGETS, isImportTarget, type ImportEntity, type ImportTarget, type Mapping } from './fields.js';
import { EXPORT_PREFIXES, FIRST_NAME_OR_NAME, normalizeTitle, VOCABULARY } from './vocabulary.js';

/** Options of `suggestMapping`. */
export interface SuggestMappingOptions {
  /** What the rows become. */
  entity: ImportEntity;
  /** Custom fields declared for the entity (by plugins or `createCrm({ fields })`); a column titled like one maps to `custom.<name>`. */
  customFields?: readonly string[];
  /** A mapping saved earlier for this source (`loadMapping`); it wins for every column it names. */
  saved?: Mapping;
}

let index: Map<string, ImportTarget[]> | undefined;
function titleIndex(): Map<string, ImportTarget[]> {
  if (index) return index;
  index = new Map();
  for (const [target, titles] of Object.entries(VOCABULARY)) {
    for (const t of titles) {
      const key = normalizeTitle(t);
      index.set(key, [...(index.get(key) ?? []), target]);
    }
  }
  return index;
}

/** The target an entity gives a generic one: a deal's `name` is its title, a company's `company` its name. */
function forEntity(entity: ImportEntity, target: ImportTarget): ImportTarget {
  if (entity === 'deal' && target === 'name') return 'title';
  if (entity === 'company' && target === 'company') return 'name';
  return target;
}

function lookup(entity: ImportEntity, key: string): ImportTarget | undefined {
  const targets = titleIndex().get(key) ?? [];
  // A meaning the entity has as such wins over one it borrows (a deal's "Контакт" is its contact, not its title).
  for (const target of [...targets, ...targets.map((t) => forEntity(entity, t))]) {
    if (target === FIRST_NAME_OR_NAME && entity !== 'company' && entity !== 'deal') return target;
    if (target !== FIRST_NAME_OR_NAME && isImportTarget(entity, target)) return target;
  }
  return undefined;
}

function guess(entity: ImportEntity, title: string, custom: ReadonlyMap<string, string>): ImportTarget | undefined {
  const key = normalizeTitle(title);
  if (key === '') return undefined;
  const customName = custom.get(key);
  if (customName) return `custom.${customName}`;
  const direct = lookup(entity, key);
  if (direct) return direct;
  // Exports that prefix every title with its object: "Person - Phone", "Deal - Value".
  for (const prefix of EXPORT_PREFIXES) {
    if (key.startsWith(prefix + ' ')) {
      const rest = key.slice(prefix.length + 1);
      const hit = lookup(entity, rest) ?? custom.get(rest);
      if (hit) return custom.has(rest) ? `custom.${hit}` : hit;
    }
  }
  // Numbered copies: "Phone 2", "Телефон (2)", "Email 3".
  const unnumbered = key.replace(/\s*\d+$/, '');
  return unnumbered !== key ? lookup(entity, unnumbered) : undefined;
}

/**
 * Suggests where each column goes, from the titles other CRMs' exports use
 * (Bitrix24, amoCRM/Kommo, HubSpot, Pipedrive) and the usual words in
 * English, Russian, Chinese, Mongolian and Uzbek. Columns it cannot place are
 * left out. "Имя" + "Фамилия" become `name.first` + `name.last` (composed into
 * one name on import); several phone or email columns all map to `phone` /
 * `email`; a single-valued field is suggested for its first column only.
 */
export function suggestMapping(headers: readonly string[], options: SuggestMappingOptions): Mapping {
  const { entity } = options;
  const custom = new Map((options.customFields ?? []).map((name) => [normalizeTitle(name), name]));
  const guesses = headers.map((h) => (options.saved && h in options.saved ? options.saved[h] : guess(entity, h, custom)));
  const hasParts = guesses.some((g) => g === 'name.last' || g === 'name.middle');
  const mapping: Mapping = {};
  const used = new Set<ImportTarget>();
  headers.forEach((header, i) => {
    let target = guesses[i];
    if (target === FIRST_NAME_OR_NAME) target = hasParts ? 'name.first' : 'name';
    if (!target) return;
    const single = !['phone', 'email', 'tags', 'note', 'message'].includes(target);
    const fromSaved = options.saved !== undefined && header in options.saved;
    if (single && used.has(target) && !fromSaved) return;
    used.add(target);
    mapping[header] = target;
  });
  return mapping;
}

/** The targets `entity` accepts, for pickers (custom fields as `custom.<name>` after them). */
export function importTargets(entity: ImportEntity, customFields: readonly string[] = []): ImportTarget[] {
  return [...IMPORT_TARGETS[entity], ...customFields.map((f) => `custom.${f}`)];
}
