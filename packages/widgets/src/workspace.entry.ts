// Self-registering bundle for the sales workspace (dist/workspace.js): board, card, planner.
// `<script type="module" src=".../workspace.js">` and the tags just work.
// It also re-exports the core API (createCrm, dexieStore, definePlugin, …):
// the widgets need core anyway, so a page loads one file and one copy of it.
import { defineFunnelBoard } from './funnel-board/crm-funnel-board.js';
import { CrmClientCard, defineClientCard } from './client-card/crm-client-card.js';
import { definePlanner } from './planner/define-planner.js';
export { CrmClientCard, defineClientCard };

export * from '@crmkit/core';
export { CrmFunnelBoard, defineFunnelBoard } from './funnel-board/crm-funnel-board.js';
export { CrmPlanner } from './planner/crm-planner.js';
export { definePlanner } from './planner/define-planner.js';
export { registerTranslation } from './i18n/translation-registry.js';
export { TranslationController } from './i18n/translation-controller.js';
export { LiveQueryController } from './live/live-query-controller.js';

defineFunnelBoard();
defineClientCard();
definePlanner();
