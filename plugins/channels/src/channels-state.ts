import type { Crm, Store } from '@crmkit/core';
import type { AutoReplyOptions } from './auto-reply.js';
import type { EmailChannelOptions } from './email-channel.js';
import type { WebhookQueue } from './webhook-queue.js';

/** What the channels plugin set up for one CRM, shared with the handlers created for it. @internal */
export interface ChannelsState {
  /** Auto-reply configuration, when enabled. */
  autoReply?: AutoReplyOptions;
  /** Owner of leads the channels create; default: the CRM's default owner. */
  leadOwnerId?: string;
  /** Whether a Telegram token is configured (replies possible). */
  telegram: boolean;
  /** Email sending, when configured. */
  email?: EmailChannelOptions;
  /** The outgoing webhook queue, when subscriptions exist. */
  webhooks?: WebhookQueue;
  /** Reports errors that must not fail a request (auto-reply, webhook delivery). Messages carry no secrets. */
  onError: (error: unknown, context: string) => void;
}

// Keyed by the store: every view of one CRM (`crm.as(user)`) shares it.
const states = new WeakMap<Store, ChannelsState>();

/** @internal */
export function setChannelsState(crm: Pick<Crm, 'store'>, state: ChannelsState): void {
  states.set(crm.store, state);
}

/** The plugin's state for `crm`; a CRM without the plugin still receives messages, with no auto-reply. @internal */
export function channelsState(crm: Pick<Crm, 'store'>): ChannelsState {
  return states.get(crm.store) ?? { telegram: false, onError: () => undefined };
}
