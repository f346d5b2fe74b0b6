// Lead form definitions in Node (the team server checks the definitions it serves with the same schema).
import { checkLeadFormDefinition, jsonPath, leadFormDefinitionJsonSchema } from '@crmkit/core/schemas';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void };
const fs = (await import('node:fs' as string)) as { readFileSync(p: string, e: string): string };

const at = (input: unknown, locale = 'en') => {
  const r = checkLeadFormDefinition(input, locale);
  return r.ok ? [] : r.issues.map((i) => `${i.at}:${i.code}`);
};

describe('lead form definitions', () => {
  it('accepts built-in and custom fields with per-locale texts', () => {
    const r = checkLeadFormDefinition({
      version: '3',
      fields: [
        { name: 'name', required: true, label: { ru: 'Как вас зовут', 'zh-Hans': '您的姓名' } },
        { name: 'phone' },
        { name: 'budget', type: 'number', label: { en: 'Budget', ru: 'Бюджет' }, min: 0 },
        { name: 'plan', type: 'select', label: 'Plan', options: [{ value: 'pro', label: { en: 'Pro' } }] },
        { name: 'note', label: 'Note' },
      ],
      consent: { text: { en: 'I agree', ru: 'Я согласен(на)' }, url: '/privacy', version: '2026-05' },
      redirect: 'https://example.com/thanks',
    });
    assert.ok(r.ok);
    // A custom field without a type is a text field.
    if (r.ok) assert.equal((r.value.fields[4] as { type?: string }).type, 'text');
  });

  it('names the JSON path of each problem, a field checked as built-in or custom by its name', () => {
    assert.deepEqual(at({ fields: [{ name: 'phone' }, { name: 'budget', type: 'money', label: 'B' }, { name: 'x', type: 'number' }] }), ['fields[1].type:invalid_option', 'fields[2].label:required']);
    assert.deepEqual(at({ fields: [{ name: 'email', type: 'tel' }] }), ['fields[0].type:unknown_field']);
    assert.deepEqual(at({ fields: [{ name: 'plan', type: 'select', label: 'P' }, { name: 'email' }] }), ['fields[0].options:required']);
    assert.deepEqual(at({ fields: [{ name: 'email' }, { name: 'email' }] }), ['fields[1].name:duplicate_field']);
    assert.deepEqual(at({ fields: [{ name: 'name' }] }), ['fields:needs_contact_field']);
    assert.deepEqual(at({ fields: [{ name: 'email' }], lable: 'x' }), ['lable:unknown_field']);
    assert.deepEqual(at({}), ['fields:required']);
  });

  it('takes only http(s) or page-relative links, never javascript:', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://example.com', 'privacy']) assert.deepEqual(at({ fields: [{ name: 'email' }], redirect: bad }), ['redirect:invalid_url'], bad);
    for (const good of ['https://example.com/thanks', 'http://example.com', '/thanks', './thanks', '../thanks']) assert.deepEqual(at({ fields: [{ name: 'email' }], redirect: good, consent: { url: good } }), [], good);
  });

  it('writes paths as JSON paths', () => {
    assert.equal(jsonPath(['fields', 2, 'type']), 'fields[2].type');
    assert.equal(jsonPath(['fields', 0, 'label', 'zh-Hans']), 'fields[0].label["zh-Hans"]');
    assert.equal(jsonPath([]), '(root)');
  });

  it("docs/embedding.md's definition examples check out as written", () => {
    const doc = fs.readFileSync('docs/embedding.md', 'utf8');
    const section = doc.slice(doc.indexOf('## Form definitions'), doc.indexOf('## Events'));
    const examples = [
      ...[...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!),
      ...[...section.matchAll(/<script type="application\/json">\n([\s\S]*?)<\/script>/g)].map((m) => m[1]!),
      ...[...section.matchAll(/definition='([^']*)'/g)].map((m) => m[1]!),
    ];
    assert.equal(examples.length, 3, 'the section lost an example');
    for (const json of examples) assert.deepEqual(at(JSON.parse(json)), [], json.slice(0, 80));
  });

  it('publishes its JSON Schema in docs/, in step with the zod schema', () => {
    const published = fs.readFileSync('docs/lead-form-definition.schema.json', 'utf8');
    assert.equal(published, `${JSON.stringify(leadFormDefinitionJsonSchema(), null, 2)}\n`, 'stale: run node scripts/lead-form-definition-schema.mjs');
  });
});
