import type { AnalyticsIndex } from './analytics-index.js';
import { WON } from './pipeline-layout.js';
import { periodMs, type Scope } from './scope.js';
import type { Period, SourceRow } from '../types.js';

/**
 * Leads created in `[from, to)` by source (`utm.source`, else channel) and
 * campaign; `won` and `revenue` follow the deals those leads converted into
 * (first touch), counting only deals the user may see.
 */
export function sources(index: AnalyticsIndex, scope: Scope, period: Period): SourceRow[] {
  const { from, to } = periodMs(period, 'sources');
  const leads = index.leads;
  const deals = index.deals;
  const groups = new Map<number, SourceRow>();
  const K = index.dicts.campaigns.size + 1;
  const currencies = index.dicts.currencies.values;
  const only = scope.owner;
  for (let r = 0; r < leads.size; r++) {
    if (leads.alive[r] === 0 || leads.spam[r] === 1) continue;
    const c = leads.created[r] as number;
    if (!(c >= from && c < to)) continue;
    if (only !== null && leads.owner[r] !== only) continue;
    const src = leads.source[r] as number;
    const camp = leads.campaign[r] as number;
    const key = (src + 1) * K + camp + 1;
    let g = groups.get(key);
    if (!g) {
      g = { source: src >= 0 ? (index.dicts.sources.values[src] as string) : '', campaign: camp >= 0 ? (index.dicts.campaigns.values[camp] as string) : '', leads: 0, converted: 0, won: 0, revenue: {} };
      groups.set(key, g);
    }
    g.leads++;
    if (leads.status[r] !== WON) continue;
    g.converted++;
    const dealId = leads.link[r];
    const d = dealId === undefined ? undefined : deals.rowOf.get(dealId);
    if (d === undefined || deals.alive[d] === 0 || deals.status[d] !== WON) continue;
    if (only !== null && deals.owner[d] !== only) continue;
    g.won++;
    const a = deals.amount[d] as number;
    const cur = deals.currency[d] as number;
    if (a === a && cur >= 0) {
      const code = currencies[cur] as string;
      g.revenue[code] = (g.revenue[code] ?? 0) + a;
    }
  }
  return [...groups.values()].sort((a, b) => b.leads - a.leads || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.campaign < b.campaign ? -1 : 1));
}
