// The workspace demo page: its own controls speak the five languages through
// the translation registry, and on a 390 px phone nothing is wider than the
// screen and a tapped card opens where the user can see it.
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { applyDemoStrings, demoStrings, registerDemoStrings } from '../../examples/workspace/demo-strings.js';

const PAGE = '/examples/workspace/index.html';
const LOCALES = ['en', 'ru', 'zh', 'mn', 'uz'] as const;

async function pageMarkup(): Promise<Document> {
  const res = await fetch(PAGE);
  return new DOMParser().parseFromString(await res.text(), 'text/html');
}

describe('workspace demo page', () => {
  before(() => registerDemoStrings());

  it('labels every heading, control and hint of the page in en, ru, zh, mn and uz', async () => {
    const english = applyDemoStrings(await pageMarkup(), 'en');
    for (const locale of LOCALES) {
      const doc = await pageMarkup();
      const t = applyDemoStrings(doc, locale);
      // Every heading, button, label and hint carries a registry key (language names are endonyms, user names are data).
      const words = [...doc.querySelectorAll<HTMLElement>('h1, h2, button, label > span, .ws-hint, .ws-intro, header a')];
      expect(words.length).to.be.greaterThan(7);
      for (const el of words) expect(el.dataset['i18n'], `${el.outerHTML} goes through the registry`).to.be.a('string');
      expect(doc.title).to.equal(t.pageTitle);
      expect(doc.querySelector('#side')!.getAttribute('aria-label')).to.equal(t.client);
      if (locale !== 'en') {
        for (const el of words) {
          const key = el.dataset['i18n'] as keyof typeof english;
          expect(el.textContent, `${key} in ${locale}`).to.not.equal(english[key]);
        }
        expect(t.creating(40)).to.not.equal(english.creating(40));
      }
    }
  });

  it('falls back along the language tag: ru-KZ reads Russian, an unknown language English', () => {
    expect(demoStrings('ru-KZ').title).to.equal(demoStrings('ru').title);
    expect(demoStrings('fr').title).to.equal('Sales workspace');
  });

  describe('on a 390 px phone', () => {
    let frame: HTMLIFrameElement;
    before(async function (this: { timeout(ms: number): void }) {
      this.timeout(120_000);
      await setViewport({ width: 390, height: 844 });
      frame = document.createElement('iframe');
      frame.style.cssText = 'width: 390px; height: 844px; border: 0; position: fixed; top: 0; left: 0';
      frame.src = PAGE;
      document.body.append(frame);
      await waitUntil(() => frame.contentDocument?.querySelector('crm-funnel-board')?.shadowRoot?.querySelector('[data-id], [role="listitem"], .card'), 'the board shows cards', { timeout: 110_000, interval: 250 });
    });
    after(async () => {
      frame.remove();
      await setViewport({ width: 1280, height: 800 });
    });

    it('is no wider than the screen', () => {
      const doc = frame.contentDocument!;
      const wide = [...doc.body.querySelectorAll<HTMLElement>('*')].filter((el) => el.getBoundingClientRect().right > 390.5).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className);
      expect(wide).to.deep.equal([]);
      expect(doc.documentElement.scrollWidth).to.be.at.most(390);
    });

    it('a tapped card opens the client card on screen', async () => {
      const doc = frame.contentDocument!;
      const win = frame.contentWindow!;
      const board = doc.querySelector('crm-funnel-board')!;
      board.dispatchEvent(new CustomEvent('crm-card-open', { detail: { recordType: 'deal', id: 'unknown' }, bubbles: true, composed: true }));
      const card = doc.querySelector('crm-client-card') as HTMLElement;
      await waitUntil(() => !card.hidden, 'the card is shown');
      await waitUntil(() => {
        const box = card.getBoundingClientRect();
        return box.top >= -1 && box.top < win.innerHeight * 0.6;
      }, 'the card scrolled into view', { timeout: 5000 });
    });
  });
});
