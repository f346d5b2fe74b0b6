/**
 * @crmkit/plugin-channels — lead connectors (crmkit's REST contract,
 * Bitrix24, HubSpot, amoCRM/Kommo, Pipedrive), a Node adapter for the
 * intake handler, and an msw mock backend for trying it all without a server.
 *
 * @packageDocumentation
 */

export { restConnector, type RestConnectorOptions } from './rest-connector.js';
export type { FetchLike, ConnectorBaseOptions } from './http.js';
export { mockBackend, type MockBackend, type MockBackendOptions, type MockStartOptions, type MockTarget, type ReceivedRequest, type StoredRecord, type CrmEmulationOptions } from './mock-backend.js';
export { toNodeListener, type NodeListenerOptions, type NodeRequestLike, type NodeResponseLike } from './node-listener.js';
