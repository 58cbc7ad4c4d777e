/**
 * The typed client of the Plugboard API.
 *
 * - {@link PlugboardAdmin} runs on your backend with a secret key.
 * - {@link PlugboardSession} runs in the browser with a connect session token.
 * - {@link PlugboardConsole} runs in the admin console with a member's cookie session.
 * @packageDocumentation
 */

// The shapes of the requests and responses of the clients' methods (and the parts of them a caller names), by
// name: the rest of @plugboard/shared (the server's schemas, its internal records) is not the SDK's API.
export type { ErrorCode, ValidationIssue } from '@plugboard/shared';
export type {
  ActionDefinition,
  ActionResult,
  ActionRun,
  ActionTestResult,
  ActionTestRun,
  AdminConnection,
  AgentCreate,
  AgentDecision,
  AgentLogEntry,
  AgentRun,
  AgentRunCreate,
  AgentRunStatus,
  ApiKey,
  ApiKeyCreate,
  AuthKind,
  AuthMethod,
  Connection,
  ConnectionCreate,
  ConnectionCredentials,
  ConnectionStatus,
  ConnectionTest,
  ConnectLinkCreate,
  ConnectLinkInfo,
  Connector,
  ConnectorAction,
  ConnectorCard,
  ConnectorCreate,
  ConnectorUpdate,
  ConnectSession,
  ConnectSessionCreate,
  ConsoleAccount,
  ConsoleSignIn,
  ConsoleTestSessionCreate,
  CreatedApiKey,
  CreatedConnectLink,
  CreatedMcpToken,
  CreatedWebhookEndpoint,
  Creator,
  Delivery,
  DeliveryListQuery,
  DeliveryStatus,
  EventEnvelope,
  InboundEndpoint,
  McpToken,
  McpTokenCreate,
  McpToolPreview,
  Member,
  MemberCreate,
  OAuthApp,
  OAuthAppCreate,
  OAuthAppUpdate,
  OAuthFlow,
  OAuthFlowCreate,
  OAuthFlowStart,
  Organization,
  OrganizationUpdate,
  Page,
  ProxyRequest,
  PublicAuthMethod,
  SessionInfo,
  Tenant,
  Visibility,
  WebhookEndpoint,
  WebhookEndpointCreate,
} from '@plugboard/shared/types';
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
export { AuthenticationError } from './errors/authentication-error.js';
export { ConflictError } from './errors/conflict-error.js';
export { NetworkError } from './errors/network-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { PermissionError } from './errors/permission-error.js';
export { PlugboardApiError } from './errors/plugboard-api-error.js';
export { isPlugboardError, PlugboardError, SdkErrorCode } from './errors/plugboard-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export { ServerError } from './errors/server-error.js';
export { SessionExpiredError } from './errors/session-expired-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { ValidationError } from './errors/validation-error.js';
export { WebhookErrorCode, WebhookVerificationError } from './errors/webhook-verification-error.js';
export { PlugboardSession, type PlugboardSessionOptions } from './session/plugboard-session.js';
export { type VerifyWebhookOptions, verifyWebhook } from './webhooks/verify-webhook.js';
