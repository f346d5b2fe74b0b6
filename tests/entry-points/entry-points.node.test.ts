// The public surface of the workspace packages: every entry point a package
// lists in its package.json `exports` resolves the same way for tsc (tsconfig
// `paths`), the test runner and rollup (scripts/dev-plugins.mjs), typedoc
// documents it, and the lint rule keeps packages out of each other's src/.
import { describeStoreContract, type ContractTestApi } from '@crmkit/core/testing';
import { memoryStore } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const nodeTest = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const { describe, it } = nodeTest;
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
};
const fs = (await import('node:fs' as string)) as { readFileSync(p: string, enc: 'utf8'): string; existsSync(p: string): boolean; readdirSync(p: string): string[] };
const url = (await import('node:url' as string)) as { pathToFileURL(p: string): URL };

// scripts/node-tests.mjs runs Node in the repository root.
const root = (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(`${root}/${file}`, 'utf8')) as T;

// An adapter author's view: the contract suite from the package entry point, under node:test.
describeStoreContract('memoryStore through @crmkit/core/testing', () => memoryStore({ name: 'entry-points' }), nodeTest as unknown as ContractTestApi);

describe('package entry points', () => {
  const packageDirs = ['packages', 'plugins'].flatMap((dir) => fs.readdirSync(`${root}/${dir}`).map((name) => `${dir}/${name}`)).filter((dir) => fs.existsSync(`${root}/${dir}/package.json`));
  const tsPaths = readJson<{ compilerOptions: { paths: Record<string, string[]> } }>('tsconfig.json').compilerOptions.paths;
  const typedocEntries = readJson<{ entryPoints: string[] }>('typedoc.json').entryPoints;

  it('core offers the visitor-facing and adapter-author entry points', () => {
    const { exports } = readJson<{ exports: Record<string, unknown> }>('packages/core/package.json');
    for (const subpath of ['.', './form', './intake', './schemas', './i18n', './phone', './testing']) assert.ok(subpath in exports, `@crmkit/core exports ${subpath}`);
  });

  it('every exported entry point exists and resolves the same for tsc, the test runner, rollup and typedoc', async () => {
    const { workspaceAliases } = (await import(url.pathToFileURL(`${root}/scripts/dev-plugins.mjs`).href)) as { workspaceAliases: Record<string, string> };
    let checked = 0;
    for (const dir of packageDirs) {
      const pkg = readJson<{ name: string; exports: Record<string, { types: string; default: string }> }>(`${dir}/package.json`);
      for (const [subpath, target] of Object.entries(pkg.exports)) {
        const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
        const file = `${dir}/${target.default.replace(/^\.\//, '')}`;
        assert.equal(target.types, target.default, `${specifier}: types and code are one file`);
        assert.ok(fs.existsSync(`${root}/${file}`), `${specifier}: ${file} exists`);
        assert.deepEqual(tsPaths[specifier], [`./${file}`], `tsconfig paths for ${specifier}`);
        assert.equal(workspaceAliases[specifier], file, `scripts/dev-plugins.mjs workspaceAliases for ${specifier}`);
        if (pkg.name === '@crmkit/core') assert.ok(typedocEntries.includes(file), `typedoc.json documents ${specifier}`);
        checked++;
      }
    }
    assert.ok(checked >= 9, `checked ${checked} entry points`);
  });

  it('lint refuses an import of another package’s src/, and allows a package its own', async () => {
    const { ESLint } = (await import('eslint' as string)) as {
      ESLint: new (options: { cwd: string }) => { lintText(code: string, options: { filePath: string }): Promise<Array<{ messages: Array<{ ruleId: string | null }> }>> };
    };
    const eslint = new ESLint({ cwd: root });
    const restricted = async (filePath: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
      return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
    };
    const foreign = "import type { Locale } from '../../../core/src/i18n/locale.js';\nexport type L = Locale;\n";
    assert.equal(await restricted('packages/widgets/src/lead-form/x.ts', foreign), true, 'widgets → core/src');
    assert.equal(await restricted('plugins/channels/src/x.ts', "import type { Crm } from '../../../packages/core/src/crm.js';\nexport type C = Crm;\n"), true, 'plugin → core/src');
    assert.equal(await restricted('tests/lead-form/x.ts', "import type { CrmLeadForm } from '../../packages/widgets/src/lead-form/crm-lead-form.js';\nexport type F = CrmLeadForm;\n"), true, 'tests → widgets/src');
    assert.equal(await restricted('packages/widgets/src/x.ts', "import type { Crm } from '@crmkit/core/src/crm.js';\nexport type C = Crm;\n"), true, 'a package name with /src/');
    assert.equal(await restricted('packages/widgets/src/x.ts', "import type { Locale } from '@crmkit/core/i18n';\nexport type L = Locale;\n"), false, 'an entry point');
    assert.equal(await restricted('packages/core/src/services/x.ts', "import type { Locale } from '../../../core/src/i18n/locale.js';\nexport type L = Locale;\n"), false, 'core → its own src');
  });
});
