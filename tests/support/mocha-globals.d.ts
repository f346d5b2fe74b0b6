// The mocha globals @web/test-runner provides in the browser (typed here so
// the project needs no @types package; only what the tests use).
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: unknown, done: MochaDone) => void | Promise<unknown>;
interface MochaSuiteFn {
  (title: string, fn: (this: unknown) => void): void;
  only(title: string, fn: (this: unknown) => void): void;
  skip(title: string, fn: (this: unknown) => void): void;
}
interface MochaTestFn {
  (title: string, fn?: MochaFn | (() => void | Promise<unknown>)): void;
  only(title: string, fn?: MochaFn | (() => void | Promise<unknown>)): void;
  skip(title: string, fn?: MochaFn | (() => void | Promise<unknown>)): void;
}
declare const describe: MochaSuiteFn;
declare const it: MochaTestFn;
declare function before(fn: MochaFn | (() => void | Promise<unknown>)): void;
declare function after(fn: MochaFn | (() => void | Promise<unknown>)): void;
declare function beforeEach(fn: MochaFn | (() => void | Promise<unknown>)): void;
declare function afterEach(fn: MochaFn | (() => void | Promise<unknown>)): void;
