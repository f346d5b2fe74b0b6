import { isCrmError, type Crm } from '@crmkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseRecordRef } from './record-ref.js';

const RECORD_TABLES = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' } as const;

/** What the card does with a save of its record that a remote CRM refused on replay for a stale version. */
export interface SyncConflictHandlers {
  /** A queued field edit was refused: reopen the fields with what the user typed and the conflict message. */
  reopen(patch: Record<string, unknown>, version: number | undefined): void;
  /** Any other queued write on this record was refused: announce the conflict. */
  announce(): void;
}

/**
 * Listens for `sync:failed` on the card's CRM (a remote CRM replaying writes
 * queued offline) and hands a conflict on the shown record to the card, so a
 * save made offline is never silently lost or overwritten.
 */
export class SyncConflictController implements ReactiveController {
  private stop: (() => void) | undefined;
  private watched: Crm | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { crm: Crm | undefined; record: string },
    private readonly handlers: SyncConflictHandlers,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    // Lit still runs an update requested before the card left the page: it must not listen again.
    if (this.connected) this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop?.();
    this.stop = undefined;
    this.watched = undefined;
  }

  private sync(): void {
    const { crm } = this.source();
    if (crm === this.watched) return;
    this.stop?.();
    this.watched = crm;
    this.stop = crm?.on('sync:failed', ({ write, error }) => {
      const ref = parseRecordRef(this.source().record);
      if (!ref || write.recordId !== ref.id || write.table !== RECORD_TABLES[ref.type] || !isCrmError(error, 'conflict')) return;
      if (write.method === 'PATCH' && write.body && typeof write.body === 'object') this.handlers.reopen(write.body as Record<string, unknown>, write.ifMatch);
      else this.handlers.announce();
    });
  }
}
