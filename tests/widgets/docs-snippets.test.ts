// docs/widgets.md promises that its ```html and ```js snippets run as
// written. Each is loaded on its own page (an iframe at the site root, next
// to node_modules, as the docs say) and must render data — not "Loading…"
// forever, not an error — within a few seconds.
import { expect, waitUntil } from '@open-wc/testing';

interface Snippet {
  lang: 'html' | 'js';
  line: number;
  code: string;
}

async function snippets(): Promise<Snippet[]> {
  const text = await (await fetch('/docs/widgets.md')).text();
  const out: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(html|js)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !/^```\s*$/.test(lines[i + 1]!)) i++;
    out.push({ lang: open[1] as 'html' | 'js', line: start, code: lines.slice(start, i + 1).join('\n') });
    i++;
  }
  return out;
}

/** What "renders data" means for each widget: something only a loaded CRM can show. */
const RENDERED: Record<string, (root: ShadowRoot) => boolean> = {
  'crm-funnel-board': (root) => root.querySelectorAll('[part~="column"]').length > 0,
  'crm-client-card': (root) => Boolean(root.querySelector('#card-title')?.textContent?.trim()),
  'crm-planner': (root) => root.querySelectorAll('[data-step]').length > 0,
};

const ERRORS_FIRST = `<base href="/"><script>
  window.__errors = [];
  addEventListener('error', (e) => __errors.push(e.message));
  addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason && e.reason.message || e.reason)));
</script>`;

describe('docs/widgets.md snippets', () => {
  it('has html snippets for the loading example and every sales widget', async () => {
    const found = await snippets();
    expect(found.filter((s) => s.lang === 'html').length).to.be.at.least(4);
    for (const tag of Object.keys(RENDERED)) expect(found.some((s) => s.code.includes(`<${tag}`)), tag).to.equal(true);
  });

  it('each snippet runs as written and its widgets show data', async function (this: { timeout(ms: number): void }) {
    this.timeout(120_000);
    for (const snippet of await snippets()) {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'width: 1000px; height: 700px';
      frame.srcdoc = ERRORS_FIRST + (snippet.lang === 'js' ? `<script type="module">${snippet.code}</script>` : snippet.code);
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      try {
        await loaded;
        const doc = frame.contentDocument!;
        const win = frame.contentWindow as Window & { __errors: string[] };
        const widgets = [...doc.querySelectorAll(Object.keys(RENDERED).join(','))];
        expect(widgets.length, `snippet at line ${snippet.line} has a widget`).to.be.greaterThan(0);
        try {
          await waitUntil(() => win.__errors.length > 0 || widgets.every((w) => w.shadowRoot && RENDERED[w.localName]!(w.shadowRoot)), '', { timeout: 15_000, interval: 100 });
        } catch {
          // reported below, with what the widgets show
        }
        expect(win.__errors, `errors of the snippet at line ${snippet.line}`).to.deep.equal([]);
        for (const w of widgets) {
          const text = (w.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
          expect(RENDERED[w.localName]!(w.shadowRoot!), `<${w.localName}> of the snippet at line ${snippet.line} shows data; it shows: ${text.slice(0, 200)}`).to.equal(true);
          expect(text).to.not.include('Loading');
        }
      } finally {
        frame.remove();
      }
    }
  });
});
