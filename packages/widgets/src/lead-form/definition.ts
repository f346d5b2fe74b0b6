import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { resolveLocale } from '@crmkit/core/i18n';
import { checkLeadFormDefinition, text, WebUrlSchema, type LeadFormDefinition, type LeadFormDefinitionField } from '@crmkit/core/schemas';
import { DEFINITION_STRINGS } from './definition-strings.js';
import type { DefinedField } from './definition-controller.js';
import type { CrmLeadForm } from './crm-lead-form.js';

// <crm-lead-form definition="…">: reads a form definition (inline JSON, a
// `<script type="application/json">` child, or a URL fetched with CORS and
// cached for offline visits), checks it with core's schema and turns it into
// the form's fields. Built as its own file (chunks/lead-form-definition.js, with
// its own copy of what it needs from zod), fetched only when a definition is
// set: sharing zod with the submit chunk would make every visitor download the
// object/union/record parsers only definitions use. So no Lit here either.

/** What went wrong with a definition, independent of the language it is shown in. */
export interface DefinitionProblem {
  /** JSON path of the problem (`fields[2].type`), or `definition` for the source itself. */
  at: string;
  /** `malformed`, `status`, `unreachable`, `bad_source`, or a schema issue code. */
  code: string;
  /** The HTTP status, the JSON parser's words, or (for schema issues) the definition to re-check in another language. */
  detail?: unknown;
}

/** A definition ready to render, or the first problem found. */
export type DefinitionResult = { ok: true; definition: LeadFormDefinition; fields: DefinedField[]; cachedAt?: number } | { ok: false; problem: DefinitionProblem };

/** The `localStorage` key of a URL definition's cached copy. */
export const cacheKey = (url: string) => `crmkit-lead-definition:${url}`;

interface Cached {
  version?: string;
  savedAt: number;
  definition: unknown;
}

function readCache(url: string): Cached | undefined {
  try {
    return JSON.parse(localStorage.getItem(cacheKey(url)) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The schema a custom field's value must pass. */
function schemaOf(f: Extract<LeadFormDefinitionField, { type: unknown }>): $ZodType | undefined {
  if (f.type === 'number') return z.number().check(...(f.min === undefined ? [] : [z.gte(f.min)]), ...(f.max === undefined ? [] : [z.lte(f.max)]));
  if (f.type === 'select') return z.enum((f.options ?? []).map((o) => o.value) as [string, ...string[]]);
  if (f.type === 'date') return z.string().check(z.refine((s) => /^\d{4}-\d\d-\d\d$/.test(s) && !Number.isNaN(Date.parse(s)), { params: { code: 'invalid_date' } }));
  if (f.type === 'url') return WebUrlSchema;
  if (f.type === 'checkbox') return undefined;
  return text(f.maxLength ?? (f.type === 'textarea' ? 5000 : 500));
}

/** A checked definition's fields as the form renders and validates them. */
export function fieldsOf(definition: LeadFormDefinition): DefinedField[] {
  return definition.fields.map((f) =>
    'type' in f ? { name: f.name, label: f.label, type: f.type, options: f.options, required: f.required, hint: f.hint, schema: schemaOf(f) } : { ...f, builtin: true as const },
  );
}

function accept(input: unknown, cachedAt?: number): DefinitionResult {
  const r = checkLeadFormDefinition(input);
  if (!r.ok) return { ok: false, problem: { at: r.issues[0]!.at, code: r.issues[0]!.code, detail: input } };
  // The redirect, resolved against the page and re-checked as http(s): the form only has to follow it.
  const redirect = r.value.redirect && new URL(r.value.redirect, location.href);
  const definition = { ...r.value, redirect: redirect && /^https?:$/.test(redirect.protocol) ? redirect.href : undefined };
  return { ok: true, definition, fields: fieldsOf(r.value), ...(cachedAt ? { cachedAt } : {}) };
}

function parse(json: string): DefinitionResult | { ok: 'json'; value: unknown } {
  try {
    return { ok: 'json', value: JSON.parse(json) };
  } catch (err) {
    return { ok: false, problem: { at: 'definition', code: 'malformed', detail: (err as Error).message } };
  }
}

/**
 * Reads a definition: inline JSON (it starts with `{`), or a URL — absolute
 * http(s) or relative to the page — fetched with CORS. A URL definition that
 * checks out is cached in `localStorage` with its version; when the URL
 * cannot be reached (offline) the cached copy is used. An HTTP error or an
 * invalid definition is reported, never replaced by an old copy: the site
 * owner must see it.
 */
export async function resolveDefinition(source: string): Promise<DefinitionResult> {
  const src = source.trim();
  if (src.startsWith('{')) {
    const p = parse(src);
    return p.ok === 'json' ? accept(p.value) : p;
  }
  const url = URL.canParse(src, location.href) ? new URL(src, location.href) : undefined;
  if (!url || !/^https?:$/.test(url.protocol)) return { ok: false, problem: { at: 'definition', code: 'bad_source', detail: src } };
  const cached = readCache(url.href);
  let res: Response;
  try {
    if (!navigator.onLine && cached) throw new Error('offline');
    res = await fetch(url, { mode: 'cors', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15000) });
  } catch (err) {
    if (cached) {
      console.warn(`crm-lead-form: the definition ${url.href} could not be loaded (${(err as Error).message}); using the copy saved on ${new Date(cached.savedAt).toISOString()}${cached.version ? ` (version ${cached.version})` : ''}.`);
      return accept(cached.definition, cached.savedAt);
    }
    return { ok: false, problem: { at: 'definition', code: 'unreachable', detail: url.href } };
  }
  if (!res.ok) return { ok: false, problem: { at: 'definition', code: 'status', detail: res.status } };
  const p = parse(await res.text());
  if (p.ok !== 'json') return p;
  const result = accept(p.value);
  if (result.ok) {
    try {
      const entry: Cached = { savedAt: Date.now(), definition: p.value, ...(result.definition.version ? { version: result.definition.version } : {}) };
      localStorage.setItem(cacheKey(url.href), JSON.stringify(entry));
    } catch {
      /* storage full or disabled: the form still renders, only not offline next time */
    }
  }
  return result;
}

/** The problem in words, in the language of `tag`: `fields[2].type: Expected one of: text, …`. */
export function problemMessage(p: DefinitionProblem, tag: string): string {
  const s = DEFINITION_STRINGS[resolveLocale(tag)];
  if (p.code === 'malformed') return `${p.at}: ${s.malformed} (${String(p.detail)})`;
  if (p.code === 'status') return `${p.at}: ${s.status(p.detail as number)}`;
  if (p.code === 'unreachable') return `${p.at}: ${s.unreachable} — ${String(p.detail)}`;
  if (p.code === 'bad_source') return `${p.at}: ${s.badSource}`;
  const own: Record<string, string> = { unknown_field: s.unknownField, duplicate_field: s.duplicateField, needs_contact_field: s.needsContactField };
  const r = checkLeadFormDefinition(p.detail, tag);
  const issue = r.ok ? undefined : r.issues.find((i) => i.at === p.at);
  return `${p.at}: ${own[p.code] ?? issue?.message ?? p.code}`;
}

/** Tells the site owner: the console, and `crm-lead-error` with `kind: 'definition'` and the JSON path. */
export function reportProblem(form: CrmLeadForm, p: DefinitionProblem): void {
  const message = `the form's definition has a problem: ${problemMessage(p, 'en')} (docs/embedding.md, "Form definitions")`;
  console.error(`crm-lead-form: ${message}`);
  form.fire('crm-lead-error', { kind: 'definition', path: p.at, message });
}

/** What the form area shows instead of the fields, in the language of `tag`: that the form is unavailable (for a visitor), and what is wrong (for the site owner). */
export function problemText(p: DefinitionProblem, tag: string): [sentence: string, detail: string] {
  return [DEFINITION_STRINGS[resolveLocale(tag)].broken, problemMessage(p, tag)];
}
