import { expect, waitUntil } from '@open-wc/testing';
import type { CrmFunnelBoard } from '@crmkit/widgets';

// The page comes from tests/widgets/csp-board-middleware.mjs, served with
// `style-src 'self'` (no inline style attributes) and Trusted Types required.

interface ProbeWindow extends Window {
  __cspViolations: { directive: string; blocked: string; sample: string }[];
}

describe('<crm-funnel-board> under a strict Content-Security-Policy', () => {
  it('places its cards without a single violation: no overlap, and a scrolled column is not blank', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/__csp/board.html';
    frame.width = '1200';
    frame.height = '800';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    try {
      await loaded;
      const win = frame.contentWindow as ProbeWindow;
      const board = () => win.document.querySelector('crm-funnel-board') as CrmFunnelBoard | null;
      const cards = () => [...(board()?.shadowRoot?.querySelectorAll<HTMLElement>('section[data-drop="new"] .slot') ?? [])];
      await waitUntil(() => cards().length > 3, 'the board never showed its cards', { timeout: 15000 });
      const tops = cards().map((c) => Math.round(c.getBoundingClientRect().top));
      expect(new Set(tops).size, `card tops ${tops.join(', ')}`).to.equal(tops.length);
      const scroller = board()!.shadowRoot!.querySelector<HTMLElement>('section[data-drop="new"] .scroller')!;
      scroller.scrollTop = scroller.scrollHeight / 2;
      await waitUntil(() => {
        const box = scroller.getBoundingClientRect();
        return cards().some((c) => {
          const r = c.getBoundingClientRect();
          return r.bottom > box.top && r.top < box.bottom;
        });
      }, 'the scrolled column is blank', { timeout: 5000 });
      expect(win.__cspViolations).to.deep.equal([]);
      // Positive control: the probe does see an inline style attribute.
      win.document.body.setAttribute('style', 'color: red');
      await waitUntil(() => win.__cspViolations.length > 0, 'the probe reports nothing', { timeout: 3000 });
    } finally {
      frame.remove();
    }
  });
});
