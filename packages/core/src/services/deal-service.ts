import { ValidationError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { DealInputSchema, type Deal, type DealInput } from '../schemas/deal.js';
import type { Stage } from '../schemas/pipeline.js';
import type { Actor } from './actor.js';
import { FunnelService, type MoveOptions } from './funnel-service.js';
import type { RecordSpec } from './record-service.js';

/** Options of `crm.deals.lose`. */
export interface LoseOptions {
  /** Loss reason id from the pipeline's list. */
  reason: string;
  /** Required for reasons such as "other". */
  comment?: string;
  /** The version the caller last saw. */
  version?: number;
}

function toIso(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return (v instanceof Date ? v : new Date(v as string)).toISOString();
}

function dealSpec(rt: Runtime): RecordSpec<Deal> {
  return {
    type: 'deal',
    table: 'deals',
    inputSchema: DealInputSchema,
    immutable: { id: '', createdAt: '', stageId: 'moveToStage, win or lose', status: 'win or lose', pipelineId: '', leadId: '', closedAt: '', lostReason: 'lose' },
    required: ['title'],
    links: { companyId: 'companies', contactIds: 'contacts' },
    build(input, base) {
      const pipelineId = (input['pipelineId'] as string | undefined) ?? rt.pipelines.defaultFor('deal').id;
      const pipeline = rt.pipelines.list('deal').find((p) => p.id === pipelineId);
      if (!pipeline) throw new ValidationError([{ path: ['pipelineId'], code: 'invalid_option', message: `No deal pipeline "${pipelineId}"` }], 'deal');
      const stageId = (input['stageId'] as string | undefined) ?? rt.pipelines.firstOpenStage(pipelineId).id;
      const stage = pipeline.stages.find((s) => s.id === stageId);
      if (!stage || stage.kind !== 'open') throw new ValidationError([{ path: ['stageId'], code: 'invalid_option', message: `"${stageId}" is not an open stage of pipeline "${pipelineId}"` }], 'deal');
      const deal = {
        ...input,
        ...base,
        pipelineId,
        stageId,
        status: 'open',
        currency: ((input['currency'] as string | undefined) ?? rt.currency).toUpperCase(),
        contactIds: (input['contactIds'] as string[] | undefined) ?? [],
      } as Deal;
      const close = toIso(input['expectedCloseDate']);
      if (close) deal.expectedCloseDate = close;
      return deal;
    },
    patch(current, set, unset) {
      const next = { ...current, ...set, custom: { ...current.custom, ...((set['custom'] as object) ?? {}) } } as Deal & Record<string, unknown>;
      if (set['currency']) next.currency = (set['currency'] as string).toUpperCase();
      if (set['expectedCloseDate'] !== undefined) next.expectedCloseDate = toIso(set['expectedCloseDate']);
      for (const k of unset) {
        if (k === 'contactIds') next.contactIds = [];
        else if (k === 'currency') next.currency = rt.currency;
        else delete next[k];
      }
      return next;
    },
    searchText: (d) => d.title,
  };
}

/** `crm.deals`: concrete sales in one or more deal pipelines. A deal ends won, or lost with a reason. */
export class DealService extends FunnelService<Deal, DealInput> {
  /** @internal */
  constructor(rt: Runtime, actorOf: () => Actor) {
    super(rt, dealSpec(rt), actorOf);
  }

  /** @internal */
  protected override createdData(record: Deal): Record<string, unknown> {
    return { stage: record.stageId, pipelineId: record.pipelineId, leadId: record.leadId };
  }

  /** @internal */
  protected override applyOutcome(record: Deal & Record<string, unknown>, to: Stage, options: MoveOptions, at: string): void {
    if (to.kind === 'open') {
      delete record.lostReason;
      delete record.lostComment;
      delete record.closedAt;
      return;
    }
    record.closedAt = at;
    if (to.kind === 'lost') {
      record.lostReason = options.reason;
      if (options.comment) record.lostComment = options.comment;
    } else {
      delete record.lostReason;
      delete record.lostComment;
    }
  }

  /** Moves the deal to its pipeline's won stage. */
  async win(id: string, options: { version?: number } = {}): Promise<Deal> {
    const deal = await this.get(id);
    return this.move(this.actorOf(), id, this.rt.pipelines.wonStage(deal.pipelineId).id, options, deal);
  }

  /** Moves the deal to its pipeline's lost stage with a reason from the pipeline's list. */
  async lose(id: string, options: LoseOptions): Promise<Deal> {
    const deal = await this.get(id);
    return this.move(this.actorOf(), id, this.rt.pipelines.lostStage(deal.pipelineId).id, options, deal);
  }
}
