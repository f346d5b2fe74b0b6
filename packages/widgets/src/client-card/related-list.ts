import { localize, type Contact, type Crm, type Deal, type Lead, type RecordType } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { formatMoney } from '../shared/format.js';
import { stageOf } from './card-data.js';
import type { CardHost } from './card-host.js';

/** A lead's display name: its name, else company, phone or email. */
export function leadName(lead: Lead, fallback: string): string {
  return lead.name || lead.companyName || lead.phone || lead.email || fallback;
}

function stageText(crm: Crm, host: CardHost, record: Lead | Deal): string {
  const stage = stageOf(crm, record);
  return stage ? localize(stage.name, host.uiLocale) : record.stageId;
}

/**
 * Related records: a contact's company, deals and leads; a company's
 * contact persons and deals; a deal's company, contacts and source lead;
 * a lead's contact, and the deal and company it became. Each opens in the
 * card (after a cancelable `crm-card-open`). @internal
 */
export function renderRelated(host: CardHost, open: (type: RecordType, id: string) => void): TemplateResult | typeof nothing {
  const { data, crm, t } = host;
  if (!data || !crm) return nothing;
  const item = (type: RecordType, id: string, name: string, extra: (string | TemplateResult)[] = []) =>
    html`<li part="related-item">
      <button type="button" class="link-button" data-open=${`${type}:${id}`} @click=${() => open(type, id)}>${name}</button>
      ${extra.filter(Boolean).map((x) => html`<span class="muted"> · ${x}</span>`)}
    </li>`;
  const contactItem = (c: Contact) => item('contact', c.id, c.name, [c.position ?? '', c.phones[0] ?? '']);
  const dealItem = (d: Deal) =>
    item('deal', d.id, d.title, [d.amount !== undefined ? formatMoney(d.amount, d.currency, host.uiLocale) : '', stageText(crm, host, d), d.status !== 'open' ? t.statusLabel(d.status) : '']);
  const leadItem = (l: Lead) => item('lead', l.id, leadName(l, t.untitledLead), [stageText(crm, host, l), l.status !== 'open' ? t.statusLabel(l.status) : '']);
  const group = (id: string, title: string, items: TemplateResult[], empty?: string) =>
    items.length || empty
      ? html`<div class="related-group">
          <h4 aria-level=${host.headingLevel + 2} id=${id}>${title}</h4>
          ${items.length ? html`<ul aria-labelledby=${id}>${items}</ul>` : html`<p class="muted">${empty}</p>`}
        </div>`
      : nothing;
  const groups: (TemplateResult | typeof nothing)[] = [];
  const company = data.company ? [item('company', data.company.id, data.company.name, [data.company.city ?? ''])] : [];
  switch (data.type) {
    case 'contact':
      groups.push(group('rel-company', t.company, company, t.noCompany));
      groups.push(group('rel-deals', t.deals, data.deals.map(dealItem), t.noDeals));
      groups.push(group('rel-leads', t.leads, data.leads.map(leadItem), t.noLeads));
      break;
    case 'company':
      groups.push(group('rel-contacts', t.contactPersons, data.contacts.map(contactItem), t.noContacts));
      groups.push(group('rel-deals', t.deals, data.deals.map(dealItem), t.noDeals));
      break;
    case 'deal':
      groups.push(group('rel-company', t.company, company, t.noCompany));
      groups.push(group('rel-contacts', t.contacts, data.contacts.map(contactItem), t.noContacts));
      groups.push(group('rel-leads', t.sourceLead, data.leads.map(leadItem)));
      break;
    case 'lead':
      groups.push(group('rel-contacts', t.linkedContact, data.contacts.map(contactItem), t.noLinkedContact));
      groups.push(group('rel-deals', t.convertedDeal, data.deals.map(dealItem)));
      groups.push(group('rel-company', t.company, company));
      break;
  }
  return html`<section part="related" class="related" aria-labelledby="related-h">
    <h3 aria-level=${host.headingLevel + 1} id="related-h">${t.related}</h3>
    ${groups}
  </section>`;
}
