// Self-registering bundle for the sales workspace (dist/workspace.js):
// `<script type="module" src=".../workspace.js">` and the tags just work.
// It also re-exports the core API (createCrm, dexieStore, definePlugin, …):
// the widgets need core anyway, so a page loads one file and one copy of it.
import { defineFunnelBoard } from './funnel-board/crm-funnel-board.js';
import { CrmClientCard, defineClientCard } from './client-card/crm-client-card.js';
export { CrmClientCard, defineClientCard };

export * from '@crmkit/core';
export { CrmFunnelBoard, defineFunnelBoard } from './funnel-board/crm-funnel-board.js';

defineFunnelBoard();
defineClientCard();
