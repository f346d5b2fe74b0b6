// Self-registering bundle for the sales workspace (dist/workspace.js):
// `<script type="module" src=".../workspace.js">` and the tags just work.
import { defineFunnelBoard } from './funnel-board/crm-funnel-board.js';
import { CrmClientCard, defineClientCard } from './client-card/crm-client-card.js';
export { CrmClientCard, defineClientCard };

defineFunnelBoard();
defineClientCard();
