import { NotFoundError } from '../errors.js';
import type { Pipeline, Stage } from '../schemas/pipeline.js';

/** Read access to the CRM's pipelines (`crm.pipelines`). Pipelines are data, fixed when the CRM is created. */
export class PipelineRegistry {
  private readonly byId: Map<string, Pipeline>;

  constructor(pipelines: readonly Pipeline[]) {
    this.byId = new Map(pipelines.map((p) => [p.id, p]));
  }

  /** All pipelines, optionally only those for `entity`. */
  list(entity?: 'lead' | 'deal'): Pipeline[] {
    return [...this.byId.values()].filter((p) => !entity || p.entity === entity);
  }

  /** One pipeline; throws `NotFoundError`. */
  get(id: string): Pipeline {
    const p = this.byId.get(id);
    if (!p) throw new NotFoundError('pipeline', id);
    return p;
  }

  /** One stage of a pipeline; throws `NotFoundError`. */
  stage(pipelineId: string, stageId: string): Stage {
    const s = this.get(pipelineId).stages.find((st) => st.id === stageId);
    if (!s) throw new NotFoundError('stage', `${pipelineId}/${stageId}`);
    return s;
  }

  /** The first open stage: where new records start. */
  firstOpenStage(pipelineId: string): Stage {
    return this.get(pipelineId).stages.find((s) => s.kind === 'open') as Stage;
  }

  /** The pipeline's one success stage. */
  wonStage(pipelineId: string): Stage {
    return this.get(pipelineId).stages.find((s) => s.kind === 'won') as Stage;
  }

  /** The pipeline's (first) failure stage. */
  lostStage(pipelineId: string): Stage {
    return this.get(pipelineId).stages.find((s) => s.kind === 'lost') as Stage;
  }

  /** The default pipeline for an entity: the first one registered. */
  defaultFor(entity: 'lead' | 'deal'): Pipeline {
    const p = this.list(entity)[0];
    if (!p) throw new NotFoundError('pipeline', `(any ${entity} pipeline)`);
    return p;
  }
}
