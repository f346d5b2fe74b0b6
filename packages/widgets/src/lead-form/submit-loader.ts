import type * as SubmitModule from './submit.js';

// Loading <crm-lead-form>'s submit chunk (validation, the error summary, the
// after-submit strings, outbox and delivery): once per page, at idle after the
// first render, or on the first interaction, whichever comes first.

/** The submit chunk's exports. */
export type DeliveryModule = typeof SubmitModule;
let deliveryModule: Promise<DeliveryModule> | undefined;
let loaded: DeliveryModule | undefined;

/** The submit chunk, once it has loaded (validation needs it synchronously while the visitor types). */
export function loadedDelivery(): DeliveryModule | undefined {
  return loaded;
}
/**
 * Loads the submit path, validation, outbox and delivery code (a separate
 * chunk), once per page; a failed load (offline) is retried next time. The
 * form asks for it as soon as it has rendered, so a visitor who goes offline
 * before typing can still submit into the outbox.
 */
export function loadDelivery(): Promise<DeliveryModule> {
  deliveryModule ??= import('./submit.js').then((m) => (loaded = m));
  deliveryModule.catch(() => (deliveryModule = undefined));
  return deliveryModule;
}

/**
 * Runs `fn` once, when the browser is first idle or after 2 s at the latest: a
 * page opened in a background tab may get no idle callback at all.
 */
export function whenIdle(fn: () => void): void {
  let done = false;
  const once = () => void (done || ((done = true), fn()));
  (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback?.(once);
  setTimeout(once, 2000);
}
