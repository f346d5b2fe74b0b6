// Self-registering bundle of the analytics widgets, for one <script type="module">.
import { defineFunnelReport, defineKpis, defineReport } from './index.js';

defineFunnelReport();
defineKpis();
defineReport();

export * from './index.js';
