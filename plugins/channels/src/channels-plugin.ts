import { definePlugin, type ChannelAdapter, type Plugin } from '@crmkit/core';
import type { AutoReplyOptions } from './auto-reply.js';
import { setChannelsState } from './channels-state.js';
import { emailChannel, type EmailChannelOptions } from './email-channel.js';
import { telegramChannel, type TelegramChannelOptions } from './telegram-channel.js';
import { WebhookQueue, type WebhookQueueOptions, type WebhookSubscription } from './webhook-queue.js';

/** Options of {@link channelsPlugin}. */
export interface ChannelsPluginOptions {
  /** Send through a Telegram bot (`crm.channels.send('telegram', …)`). */
  telegram?: TelegramChannelOptions;
  /** Send email through a transport the server provides (`smtpTransport` from `@crmkit/plugin-channels/smtp` on Node). */
  email?: EmailChannelOptions;
  /** Answer a new conversation once, in the sender's language, on the same channel. */
  autoReply?: AutoReplyOptions;
  /** Outgoing webhooks, signed per Standard Webhooks and delivered from a persisted queue. */
  webhooks?: readonly WebhookSubscription[];
  /** Delivery schedule of the webhook queue. */
  webhookQueue?: WebhookQueueOptions;
  /** Owner of the leads the channels create (a manager or a head); default the CRM's default owner. */
  leadOwnerId?: string;
  /** Errors that must not fail a request (auto-reply, webhook delivery). Default `console.warn`. Messages never carry tokens or secrets. */
  onError?: (error: unknown, context: string) => void;
}

/**
 * The channels plugin: registers the `telegram` and `email` channels it is
 * given, the auto-reply, and outgoing webhooks. The inbound handlers
 * (`createTelegramWebhookHandler`, `createEmailInboundHandler`,
 * `createCallEventHandler`) use what it set up for the same CRM.
 *
 * ```ts
 * const crm = await createCrm({ plugins: [channelsPlugin({
 *   telegram: { token: BOT_TOKEN },
 *   autoReply: { text: { ru: 'Спасибо! Ответим за 5 минут.', en: 'Thank you! We will answer within 5 minutes.' } },
 *   webhooks: [{ url: 'https://erp.example/hooks', secret: 'whsec_…', events: ['stage:changed'] }],
 * })] });
 * ```
 */
export function channelsPlugin(options: ChannelsPluginOptions = {}): Plugin {
  const channels: Record<string, ChannelAdapter> = {};
  if (options.telegram) channels['telegram'] = telegramChannel(options.telegram);
  // Channels are registered before `setup`; the email channel needs the CRM (to thread replies), so it delegates.
  let email: ChannelAdapter | undefined;
  if (options.email) channels['email'] = { send: (message, ctx) => (email as ChannelAdapter).send(message, ctx) };
  const onError = options.onError ?? ((error: unknown, context: string) => console.warn(`crmkit channels: ${context}:`, error instanceof Error ? error.message : error));
  const queue = options.webhooks?.length ? new WebhookQueue(options.webhooks, { ...options.webhookQueue, onError }) : undefined;
  const plugin = definePlugin({
    name: 'channels',
    channels,
    async setup(crm) {
      if (options.email) email = emailChannel(crm, options.email);
      setChannelsState(crm, {
        telegram: Boolean(options.telegram),
        ...(options.email ? { email: options.email } : {}),
        ...(options.autoReply ? { autoReply: options.autoReply } : {}),
        ...(options.leadOwnerId ? { leadOwnerId: options.leadOwnerId } : {}),
        ...(queue ? { webhooks: queue } : {}),
        onError,
      });
      if (queue) await queue.attach(crm);
    },
  });
  return plugin;
}
