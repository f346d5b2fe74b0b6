import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { createCrm, memoryStore, type Crm, type Deal } from '@crmkit/core';
import { LiveQueryController } from './live-query-controller.js';

class TestDeals extends LitElement {
  @property({ attribute: false }) crm?: Crm;
  @property() stage = 'new';
  renders = 0;
  readonly deals = new LiveQueryController<Deal>(this, {
    deps: () => [this.crm, this.stage],
    watch: (listener, onError) => this.crm?.deals.watch({ stageId: this.stage }, listener, { onError }),
  });
  override render() {
    this.renders++;
    return html`<p>${this.deals.status}</p>
      <ul>${this.deals.rows.map((d) => html`<li>${d.title}</li>`)}</ul>`;
  }
}
customElements.define('test-live-deals', TestDeals);

const titles = (el: TestDeals) => [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent);
const status = (el: TestDeals) => el.shadowRoot!.querySelector('p')!.textContent;

describe('LiveQueryController', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
  });
  afterEach(async () => {
    await crm.close();
  });

  it('waits without a crm, then shows the results and every change', async () => {
    await crm.deals.create({ title: 'First' });
    const el = await fixture<TestDeals>(html`<test-live-deals></test-live-deals>`);
    expect(status(el)).to.equal('waiting');
    el.crm = crm;
    await waitUntil(() => titles(el).length === 1, 'initial results');
    expect(status(el)).to.equal('ready');
    const d = await crm.deals.create({ title: 'Second' });
    await waitUntil(() => titles(el).length === 2, 'a new deal appears');
    await crm.deals.moveToStage(d.id, 'qualified');
    await waitUntil(() => titles(el).length === 1, 'a deal that leaves the stage goes');
    el.stage = 'qualified';
    await waitUntil(() => titles(el).join() === 'Second', 'restarts when a dependency changes');
  });

  it('stops when the element leaves the page', async () => {
    const el = await fixture<TestDeals>(html`<test-live-deals .crm=${crm}></test-live-deals>`);
    await waitUntil(() => status(el) === 'ready');
    el.remove();
    const before = el.renders;
    await crm.deals.create({ title: 'Unseen' });
    await new Promise((r) => setTimeout(r, 30));
    expect(el.renders).to.equal(before);
    expect(el.deals.rows.length).to.equal(0);
  });

  it('stays stopped when the element leaves the page with an update still pending', async () => {
    // Live store subscriptions, counted as they are added and removed.
    let live = 0;
    const subscribe = crm.store.subscribe.bind(crm.store);
    crm.store.subscribe = (listener) => {
      live++;
      const stop = subscribe(listener);
      return () => (live--, stop());
    };
    const el = await fixture<TestDeals>(html`<test-live-deals .crm=${crm}></test-live-deals>`);
    await waitUntil(() => status(el) === 'ready');
    expect(live, 'listening while shown').to.equal(1);
    // A dependency changes and the element is removed in the same task: Lit still runs that update, detached.
    el.stage = 'qualified';
    el.remove();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 30));
    expect(live, 'a query restarted by the update after removal').to.equal(0);
  });

  it('reports a failed read as an error, not as loading forever', async () => {
    const el = await fixture<TestDeals>(html`<test-live-deals .crm=${crm}></test-live-deals>`);
    await waitUntil(() => status(el) === 'ready');
    await crm.close();
    el.stage = 'qualified';
    await waitUntil(() => status(el) === 'error', 'the closed store is reported');
  });
});
