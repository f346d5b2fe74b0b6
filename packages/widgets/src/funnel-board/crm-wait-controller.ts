import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Crm } from '@crmkit/core';

/** A widget that takes a `crm` and a `crmTimeout` (ms). */
export interface CrmWaitHost extends ReactiveControllerHost, HTMLElement {
  readonly crm?: Crm | undefined;
  readonly crmTimeout: number;
}

/**
 * Tells "the page has not set `crm` yet" from "no `crm` is coming": a page
 * usually sets `crm` only once its database has opened, so the widget shows a
 * neutral waiting state first and reports a missing `crm` only when none
 * arrived within `crmTimeout` ms (at once for 0). Setting `crm` later still
 * works: the widget then loads as usual.
 */
export class CrmWaitController implements ReactiveController {
  /** True once `crmTimeout` passed without a `crm`. */
  overdue = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: CrmWaitHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private sync(): void {
    if (this.host.crm || !this.host.isConnected) {
      this.stop();
      this.overdue = false;
      return;
    }
    if (this.timer !== undefined || this.overdue) return;
    if (this.host.crmTimeout <= 0) {
      this.overdue = true;
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.overdue = !this.host.crm;
      this.host.requestUpdate();
    }, this.host.crmTimeout);
  }
}
