import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveChange } from '@crmkit/core';

/** Where a live query stands: no CRM to read yet, first read running, results shown, or the read failed. */
export type LiveQueryStatus = 'waiting' | 'loading' | 'ready' | 'error';

/** How a {@link LiveQueryController} starts its query. */
export interface LiveQueryControllerOptions<T> {
  /**
   * Starts watching with the host's current inputs and returns the stop
   * function — typically `crm.deals.watch(query, listener, { onError })` — or
   * `undefined` when it cannot start yet (no `crm` set).
   */
  watch: (listener: (rows: T[], change: LiveChange<T>) => void, onError: (error: unknown) => void) => (() => void) | undefined;
  /** The inputs the query depends on (e.g. `[this.crm, this.pipeline]`); a change in any restarts it. */
  deps: () => readonly unknown[];
  /** Called with every notification before the host re-renders: for widgets that patch their own model row by row. */
  onChange?: (rows: T[], change: LiveChange<T>) => void;
}

/**
 * Keeps a widget on a live query of the core's observer (`crm.*.watch`):
 * starts it when the host connects, restarts it when one of its `deps`
 * changes, stops it on disconnect, and re-renders the host on every change.
 * Rows arrive with the write that changed them, so a widget never re-reads
 * its own echo.
 *
 * ```ts
 * private deals = new LiveQueryController<Deal>(this, {
 *   deps: () => [this.crm, this.pipeline],
 *   watch: (listener, onError) => this.crm?.deals.watch({ pipelineId: this.pipeline }, listener, { onError }),
 * });
 * render() { return this.deals.status === 'ready' ? list(this.deals.rows) : loading(); }
 * ```
 */
export class LiveQueryController<T> implements ReactiveController {
  /** The latest results. */
  rows: T[] = [];
  /** See {@link LiveQueryStatus}. */
  status: LiveQueryStatus = 'waiting';
  /** The error of the last failed read, while `status` is `error`. */
  error: unknown;

  private stop: (() => void) | undefined;
  private deps: readonly unknown[] | undefined;
  private generation = 0;
  /** Between `hostConnected` and `hostDisconnected`: Lit still runs an update requested before the host left the page. */
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LiveQueryControllerOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.restart();
  }

  hostUpdate(): void {
    if (!this.connected) return;
    const deps = this.options.deps();
    if (!this.deps || deps.length !== this.deps.length || deps.some((d, i) => d !== this.deps![i])) this.restart();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.halt();
    this.deps = undefined;
  }

  /** Stops and starts the query again (e.g. after the host's user changed). */
  restart(): void {
    this.halt();
    this.deps = this.options.deps();
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.rows = [];
    this.error = undefined;
    this.status = 'loading';
    let stop: (() => void) | undefined;
    try {
      stop = this.options.watch(
        (rows, change) => {
          if (!current()) return;
          this.rows = rows;
          this.status = 'ready';
          this.error = undefined;
          this.options.onChange?.(rows, change);
          this.host.requestUpdate();
        },
        (error) => {
          if (!current()) return;
          this.error = error;
          this.status = 'error';
          this.host.requestUpdate();
        },
      );
    } catch (error) {
      this.error = error;
      this.status = 'error';
    }
    if (!stop && this.status === 'loading') this.status = 'waiting';
    this.stop = stop;
  }

  private halt(): void {
    this.generation++;
    this.stop?.();
    this.stop = undefined;
  }
}
