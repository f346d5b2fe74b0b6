// A failed assertion about an element (`expect(el).to.exist`, `.to.equal(el)`)
// carries the element as its `actual`/`expected`. The test runner sends
// results to Node through structuredClone, which refuses DOM nodes: the page
// then never reports and the whole file hangs instead of failing. Imported by
// the lead form's test files: every failure is reported with the elements
// written out as markup.

const printable = (v: unknown): unknown => {
  if (typeof Node !== 'undefined' && v instanceof Node) return v instanceof Element ? v.outerHTML.slice(0, 300) : String(v.textContent ?? v.nodeName);
  if (Array.isArray(v)) return v.map(printable);
  return v;
};

afterEach(function (this: { currentTest?: { err?: unknown } }) {
  const err = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!err) return;
  if ('actual' in err) err.actual = printable(err.actual);
  if ('expected' in err) err.expected = printable(err.expected);
});
