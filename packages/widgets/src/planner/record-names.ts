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
  /** Counts the batches of names that arrived: what was rendered with an older count may show a name too few. */
  version = 0;
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
    this.host.requestUpdate();
  }
}
