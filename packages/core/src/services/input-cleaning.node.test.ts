// Input cleaning must not let a "__proto__" key (own property of parsed JSON) become a prototype.
import { cleanInput, splitPatch } from './input-cleaning.js';

const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: () => void) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as { equal(a: unknown, b: unknown, m?: string): void };

describe('input cleaning and __proto__', () => {
  it('cleanInput drops a __proto__ key at every level instead of setting the prototype', () => {
    const input = JSON.parse('{"name":"A","__proto__":{"ownerId":"u-boss"},"source":{"__proto__":{"channel":"x"},"formId":"f"}}') as unknown;
    const out = cleanInput(input);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(out['ownerId'], undefined);
    const source = out['source'] as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(source), Object.prototype);
    assert.equal(source['channel'], undefined);
    assert.equal(source['formId'], 'f');
    assert.equal(Object.keys(out).join(), 'name,source');
  });

  it('splitPatch neither sets nor unsets through __proto__', () => {
    const { set, unset } = splitPatch(JSON.parse('{"name":"B","__proto__":{"ownerId":"u-boss"}}') as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(set), Object.prototype);
    assert.equal(set['ownerId'], undefined);
    assert.equal(unset.length, 0);
    assert.equal(Object.keys(set).join(), 'name');
  });
});
