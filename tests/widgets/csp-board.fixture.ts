// The strict-CSP board page's script: 300 deals in one stage on the board.
import { createCrm, memoryStore } from '@crmkit/core';
import { defineFunnelBoard, type CrmFunnelBoard } from '@crmkit/widgets';

defineFunnelBoard();
const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
await crm.deals.createMany(Array.from({ length: 300 }, (_, i) => ({ title: `Deal ${i + 1}`, amount: 100 + i, currency: 'USD' })));
(document.querySelector('crm-funnel-board') as CrmFunnelBoard).crm = crm;
