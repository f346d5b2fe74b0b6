import type { Crm } from '@crmkit/core';
import { channelsState } from './channels-state.js';
import type { WebhookDelivery } from './webhook-queue.js';

/** Delivers every due outgoing webhook now (the plugin also does so on a timer). Resolves when the run is over. */
export async function deliverWebhooks(crm: Pick<Crm, 'store'>): Promise<void> {
  await channelsState(crm).webhooks?.drain();
}

/** The outgoing webhook deliveries with their attempt logs, newest first: what an admin screen shows. */
export async function webhookDeliveries(crm: Pick<Crm, 'store'>): Promise<WebhookDelivery[]> {
  return (await channelsState(crm).webhooks?.deliveries()) ?? [];
}
