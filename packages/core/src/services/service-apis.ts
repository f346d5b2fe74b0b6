import type { Automation } from '../automation/automation.js';
import type { ActivityService } from './activity-service.js';
import type { ChannelService } from './channel-service.js';
import type { CompanyService } from './company-service.js';
import type { ContactService } from './contact-service.js';
import type { DealService } from './deal-service.js';
import type { HistoryService } from './history-service.js';
import type { LeadService } from './lead-service.js';
import type { PipelineRegistry } from './pipeline-registry.js';

/*
 * The public shape of each `crm` service. The `Crm` type is written against
 * these, not against the classes that implement them locally, so another
 * implementation — `remoteCrm`, which talks to a team server — satisfies the
 * same contract. The method documentation is the local services'.
 */

type RecordMethods = 'create' | 'createMany' | 'importBatch' | 'get' | 'find' | 'update' | 'remove' | 'list' | 'watch';
type FunnelMethods = RecordMethods | 'moveToStage' | 'summary';

/** What `crm.contacts` offers: records plus duplicate lookup. */
export type ContactsApi = Pick<ContactService, RecordMethods | 'findDuplicates'>;
/** What `crm.companies` offers: records plus lookup by name. */
export type CompaniesApi = Pick<CompanyService, RecordMethods | 'findByName'>;
/** What `crm.leads` offers: records in the lead funnel, moves, closing and conversion. */
export type LeadsApi = Pick<LeadService, FunnelMethods | 'close' | 'convert'>;
/** What `crm.deals` offers: records in a deal pipeline, moves, winning and losing. */
export type DealsApi = Pick<DealService, FunnelMethods | 'win' | 'lose'>;
/** What `crm.activities` offers: next steps, their completion and the overdue and missing-step queries. */
export type ActivitiesApi = Pick<ActivityService, 'schedule' | 'get' | 'update' | 'complete' | 'remove' | 'list' | 'watch' | 'overdue' | 'missingNextStep'>;
/** What `crm.history` offers: record timelines and notes. */
export type HistoryApi = Pick<HistoryService, 'list' | 'watch' | 'add' | 'addNote'>;
/** What `crm.pipelines` offers: the pipelines and their stages. */
export type PipelinesApi = Pick<PipelineRegistry, 'list' | 'get' | 'stage' | 'firstOpenStage' | 'wonStage' | 'lostStage' | 'defaultFor'>;
/** What `crm.channels` offers: sending and receiving messages through registered channels. */
export type ChannelsApi = Pick<ChannelService, 'list' | 'send' | 'receive'>;
/** What `crm.automation` offers: delayed robot jobs and the timer that runs them. */
export type AutomationApi = Pick<Automation, 'jobs' | 'runDue' | 'processOverdue' | 'start' | 'stop'>;
