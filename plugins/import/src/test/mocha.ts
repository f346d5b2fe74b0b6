// Mocha's globals, typed loosely (the typecheck has no @types/mocha).
type Fn = () => void | Promise<void>;

/** The mocha globals the browser tests use. */
export const { describe, it, before, after, beforeEach, afterEach } = globalThis as unknown as {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: Fn) => void;
  before: (fn: Fn) => void;
  after: (fn: Fn) => void;
  beforeEach: (fn: Fn) => void;
  afterEach: (fn: Fn) => void;
};
