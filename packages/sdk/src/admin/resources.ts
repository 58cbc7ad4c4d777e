// The admin resources, one class per file over one request function (AdminSend): this index is what the
// clients import.

export { ActionsResource } from './actions-resource.js';
export type { AdminSend } from './admin-send.js';
export { ApiKeysResource } from './api-keys-resource.js';
export { ConnectSessionsResource } from './connect-sessions-resource.js';
export { type ConnectionListQuery, ConnectionsResource } from './connections-resource.js';
export { type ConnectorListQuery, ConnectorsResource } from './connectors-resource.js';
export { DeliveriesResource } from './deliveries-resource.js';
export { MembersResource } from './members-resource.js';
export { OAuthAppsResource } from './oauth-apps-resource.js';
export { OrganizationResource } from './organization-resource.js';
export { TenantsResource } from './tenants-resource.js';
export { WebhookEndpointsResource } from './webhook-endpoints-resource.js';
