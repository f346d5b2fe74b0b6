import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Activity, Crm, RecordType } from '@crmkit/core';

const TABLES: Record<RecordType, string> = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' };

/**
 * The names of the records steps belong to (a deal's title, a lead's,
 * contact's or company's name), read once per record in one batch and read
 * again when the record changes; the host re-renders when names arrive.
 */
export class RecordNames implements ReactiveController {
  private names = new Map<string, string>();
  /** Counts the batches of names that arrived, and resets. */
  version = 0;
  /** Counts the resets: every name shown before one is gone. */
  resets = 0;
  /** Per place that shows names (a planner cell): the records it showed when it last rendered. */
  private shownBy = new Map<string, string[]>();
  /** Per record: the places that showed it. */
  private placesOf = new Map<string, Set<string>>();
  /** Per place: the {@link version} at which a name it shows last arrived or changed. */
  private turns = new Map<string, number>();
  private pending = new Set<string>();
  private crm: Crm | undefined;
  private stop: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
    this.reset();
  }

  /** Forgets every name (the CRM changed). */
  reset(): void {
    this.stop?.();
    this.stop = undefined;
    this.crm = undefined;
    this.names = new Map();
    this.pending = new Set();
    this.version++;
    this.resets++;
  }

  /**
   * Notes that `place` (a cell) now shows `steps`: when one of their
   * records' names arrives or changes, {@link turn} of that place changes,
   * so only the places showing that name render again.
   */
  track(place: string, steps: readonly Activity[]): void {
    for (const key of this.shownBy.get(place) ?? []) this.placesOf.get(key)?.delete(place);
    const keys = steps.map((s) => `${s.recordType}:${s.recordId}`);
    this.shownBy.set(place, keys);
    for (const key of keys) {
      let places = this.placesOf.get(key);
      if (!places) this.placesOf.set(key, (places = new Set()));
      places.add(place);
    }
  }

  /** Changes when a name `place` showed arrives or changes (see {@link track}); a render input. */
  turn(place: string): number {
    return this.turns.get(place) ?? 0;
  }

  /** Bumps the turn of every place showing the records `keys`. */
  private touch(keys: readonly string[]): void {
    for (const key of keys) for (const place of this.placesOf.get(key) ?? []) this.turns.set(place, this.version);
  }

  /** The name of the record `step` belongs to, once read. */
  get(step: Activity): string | undefined {
    return this.names.get(`${step.recordType}:${step.recordId}`);
  }

  private queued = false;
  /**
   * Reads the names of the records of the steps shown once the frame showing
   * them is painted: names arriving in the same task would render the whole
   * grid a second time before that first frame.
   */
  wantAfterPaint(crm: () => Crm | undefined, steps: () => readonly Activity[]): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.queued = false;
        if (this.connected) this.want(crm(), steps());
      }),
    );
  }
  private connected = false;

  /** Reads the names of the records of `steps` that are not known yet. */
  want(crm: Crm | undefined, steps: readonly Activity[]): void {
    if (!crm) return;
    if (crm !== this.crm) {
      this.reset();
      this.crm = crm;
      this.stop = crm.on('change', (e) => {
        const type = (Object.keys(TABLES) as RecordType[]).find((k) => TABLES[k] === e.table);
        if (!type) return;
        const stale = e.ids.map((id) => `${type}:${id}`).filter((key) => this.names.has(key));
        if (stale.length === 0) return;
        for (const key of stale) this.names.delete(key);
        void this.load(crm, stale);
      });
    }
    const missing = [...new Set(steps.map((s) => `${s.recordType}:${s.recordId}`))].filter((key) => !this.names.has(key) && !this.pending.has(key));
    if (missing.length) void this.load(crm, missing);
  }

  private async load(crm: Crm, keys: string[]): Promise<void> {
    for (const key of keys) this.pending.add(key);
    const found = await Promise.all(
      keys.map(async (key) => {
        const [type, id] = key.split(':') as [RecordType, string];
        const service = { contact: crm.contacts, company: crm.companies, lead: crm.leads, deal: crm.deals }[type] as { find(id: string): Promise<Record<string, unknown> | undefined> };
        const record = await service.find(id).catch(() => undefined);
        return [key, record ? String(record['title'] ?? record['name'] ?? '') : ''] as const;
      }),
    );
    if (crm !== this.crm) return;
    for (const [key, name] of found) {
      this.pending.delete(key);
      if (name) this.names.set(key, name);
    }
    this.version++;
    this.touch(keys);
    this.host.requestUpdate();
  }
}
