/**
 * The typed client of the Plugboard API.
 *
 * - {@link PlugboardAdmin} runs on your backend with a secret key.
 * - {@link PlugboardSession} runs in the browser with a connect session token.
 * - {@link PlugboardConsole} runs in the admin console with a member's cookie session.
 * @packageDocumentation
 */

export type * from '@plugboard/shared/types';
export type { AgentEventsOptions, AgentResource, AgentStreamEvent } from './admin/agent-resource.js';
export type { ConnectLinksResource } from './admin/connect-links-resource.js';
export type { LogsResource } from './admin/logs-resource.js';
export type { McpTokensResource } from './admin/mcp-tokens-resource.js';
export { PlugboardAdmin, type PlugboardAdminOptions } from './admin/plugboard-admin.js';
export type { ProxyResource } from './admin/proxy-resource.js';
export type {
  ActionsResource,
  ApiKeysResource,
  ConnectionListQuery,
  ConnectionsResource,
  ConnectorListQuery,
  ConnectorsResource,
  ConnectSessionsResource,
  DeliveriesResource,
  MembersResource,
  OAuthAppsResource,
  OrganizationResource,
  TenantsResource,
  WebhookEndpointsResource,
} from './admin/resources.js';
export { PlugboardConsole } from './console/plugboard-console.js';
export type { ClientOptions } from './core/request.js';
export {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionError,
  PlugboardApiError,
  RateLimitError,
  ServerError,
  SessionExpiredError,
  ValidationError,
} from './errors/api-errors.js';
export { isPlugboardError, PlugboardError, SdkErrorCode } from './errors/plugboard-error.js';
export { NetworkError, TimeoutError } from './errors/transport-errors.js';
export { WebhookErrorCode, WebhookVerificationError } from './errors/webhook-errors.js';
export { PlugboardSession, type PlugboardSessionOptions } from './session/plugboard-session.js';
export { type VerifyWebhookOptions, verifyWebhook } from './webhooks/verify-webhook.js';
