// Error class names in the BUILT bundle (packages/core/dist/core.js, minified by
// terser): a log must read "ValidationError: …", not "i: …". Needs `npm run
// build` first (npm test builds before it runs the Node tests).
export {};

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void };
const fs = (await import('node:fs' as string)) as { existsSync(p: string): boolean };
const url = (await import('node:url' as string)) as { pathToFileURL(p: string): URL };

const root = (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
const bundlePath = `${root}/packages/core/dist/core.js`;

describe('error classes in the built core bundle', () => {
  it('keep their names and codes after minification', async () => {
    assert.ok(fs.existsSync(bundlePath), `${bundlePath} is missing: run npm run build first`);
    type Ctor = new (...args: unknown[]) => Error & { code: string };
    const core = (await import(url.pathToFileURL(bundlePath).href)) as Record<string, Ctor>;
    const made: Array<[string, Error & { code: string }, string]> = [
      ['CrmError', new core['CrmError']!('x', 'message'), 'x'],
      ['ValidationError', new core['ValidationError']!([{ path: ['email'], code: 'invalid_email', message: 'bad' }]), 'validation'],
      ['NotFoundError', new core['NotFoundError']!('deal', 'd1'), 'not_found'],
      ['ConflictError', new core['ConflictError']!('deal', 'd1', 1, 2), 'conflict'],
      ['OperationRefusedError', new core['OperationRefusedError']!('no', 'p'), 'refused'],
      ['StageTransitionError', new core['StageTransitionError']!('no', 'p', 'a', 'b'), 'stage_transition'],
      ['PluginError', new core['PluginError']!('p', 'setup', new Error('boom')), 'plugin'],
      ['ForbiddenError', new core['ForbiddenError']!('ann', 'no'), 'forbidden'],
      ['StorageError', new core['StorageError']!('disk full'), 'storage'],
      ['InternalError', new core['InternalError']!('bug'), 'internal'],
      ['NextStepRequiredError', new core['NextStepRequiredError']!('deal', 'd1'), 'next_step_required'],
    ];
    for (const [name, error, code] of made) {
      assert.equal(error.name, name, `${name}.name`);
      assert.equal(error.code, code, `${name}.code`);
      assert.ok(String(error).startsWith(`${name}: `), `String(${name}) reads "${String(error)}"`);
      assert.ok(error instanceof core['CrmError']!, `${name} is a CrmError`);
    }
  });
});
