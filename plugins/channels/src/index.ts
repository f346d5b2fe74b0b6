/**
 * @crmkit/plugin-channels — lead connectors (crmkit's REST contract,
 * Bitrix24, HubSpot, amoCRM/Kommo, Pipedrive), a Node adapter for the
 * intake handler, and an msw mock backend for trying it all without a server.
 *
 * @packageDocumentation
 */

export { restConnector, type RestConnectorOptions } from './rest-connector.js';
export type { FetchLike, ConnectorBaseOptions } from './http.js';
export { mockBackend, type MockBackend, type MockBackendOptions, type MockStartOptions, type MockTarget, type RequestMatcher, type ReceivedRequest, type StoredRecord, type CrmEmulationOptions } from './mock-backend.js';
export { toNodeListener, type NodeListenerOptions, type NodeRequestLike, type NodeResponseLike } from './node-listener.js';
export { bitrix24Connector, bitrix24LeadFields, BITRIX24_ORIGINATOR, type Bitrix24ConnectorOptions } from './bitrix24-connector.js';
export { hubspotConnector, hubspotSubmissionBody, type HubspotConnectorOptions, type HubspotCommunication } from './hubspot-connector.js';
export { amocrmConnector, amocrmComplexBody, type AmocrmConnectorOptions } from './amocrm-connector.js';
export { pipedriveConnector, type PipedriveConnectorOptions } from './pipedrive-connector.js';
export { leadNoteText, leadNoteHtml, escapeHtml, defaultLeadTitle } from './lead-text.js';
export {
  signWebhook,
  verifyWebhook,
  verifyWebhookSignature,
  generateWebhookSecret,
  WebhookVerificationError,
  WebhookSecretError,
  type WebhookHeaders,
  type SignWebhookOptions,
  type VerifyWebhookOptions,
  type VerifiedWebhook,
  type WebhookVerificationCode,
  type HeadersLike,
} from './webhook-signature.js';
export { channelsPlugin, type ChannelsPluginOptions } from './channels-plugin.js';
export { guessLanguage, replyLanguage, type AutoReplyOptions } from './auto-reply.js';
export { createTelegramWebhookHandler, type TelegramWebhookOptions } from './telegram-handler.js';
export { telegramChannel, setTelegramWebhook, callBotApi, TelegramApiError, type TelegramChannelOptions } from './telegram-channel.js';
export { emailChannel, type EmailChannelOptions, type EmailMessage, type EmailTransport } from './email-channel.js';
export { findRecordByKeys, type RecordRef, type InboundResult } from './inbound.js';
export type { ChannelHandler } from './handler-http.js';
export { deliverWebhooks, webhookDeliveries } from './webhook-deliveries.js';
export type { WebhookSubscription, WebhookQueueOptions, WebhookDelivery, WebhookAttempt, WebhookEventName } from './webhook-queue.js';
export { createEmailInboundHandler, type EmailInboundOptions } from './email-handler.js';
export { createCallEventHandler, type CallEventHandlerOptions } from './call-handler.js';
export { crmkitCallFormat, zadarmaCallFormat, zadarmaSignature, CallEventError, type CallEvent, type CallEventFormat } from './call-formats.js';
