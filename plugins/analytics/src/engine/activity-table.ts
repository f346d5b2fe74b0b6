import type { Dictionary } from './dictionary.js';

/** What the index keeps of one next step. */
export interface ActivityRowInput {
  id: string;
  recordId: string;
  ownerId: string;
  assigneeId: string;
  state: string;
  dueAt: string;
  doneAt?: string | undefined;
}

/** Columns of next steps: who, pending or done, due and done times. */
export class ActivityTable {
  /** Number of slots used. */
  size = 0;
  /** Slot of each id. */
  readonly rowOf = new Map<string, number>();
  /** Step id per slot. */
  ids: string[] = [];
  /** The lead or deal each step belongs to. */
  recordId: string[] = [];
  alive = new Uint8Array(16);
  owner = new Int32Array(16);
  assignee = new Int32Array(16);
  pending = new Uint8Array(16);
  due = new Float64Array(16);
  done = new Float64Array(16);

  constructor(private readonly users: Dictionary) {}

  private ensure(n: number): void {
    if (n <= this.alive.length) return;
    let cap = this.alive.length;
    while (cap < n) cap *= 2;
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const next = new (a.constructor as { new (n: number): T })(cap);
      next.set(a);
      return next;
    };
    this.alive = g(this.alive);
    this.owner = g(this.owner);
    this.assignee = g(this.assignee);
    this.pending = g(this.pending);
    this.due = g(this.due);
    this.done = g(this.done);
  }

  /** Adds or replaces a step's columns. */
  upsert(a: ActivityRowInput): void {
    let row = this.rowOf.get(a.id);
    if (row === undefined) {
      row = this.size++;
      this.ensure(this.size);
      this.rowOf.set(a.id, row);
      this.ids[row] = a.id;
    }
    this.recordId[row] = a.recordId;
    this.alive[row] = 1;
    this.owner[row] = this.users.code(a.ownerId);
    this.assignee[row] = this.users.code(a.assigneeId);
    this.pending[row] = a.state === 'pending' ? 1 : 0;
    this.due[row] = Date.parse(a.dueAt);
    this.done[row] = a.doneAt ? Date.parse(a.doneAt) : NaN;
  }

  /** Marks a deleted step. */
  remove(id: string): void {
    const row = this.rowOf.get(id);
    if (row !== undefined) this.alive[row] = 0;
  }
}
