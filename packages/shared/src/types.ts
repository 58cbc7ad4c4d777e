import type { z } from 'zod';
import type {
  AUTH_KINDS,
  authMethodInputSchema,
  authMethodSchema,
  credentialInputSchemas,
  customAuthFieldSchema,
  publicAuthMethodSchema,
} from './schemas/auth-methods.js';
import type {
  connectLinkCreateSchema,
  connectLinkInfoSchema,
  connectLinkSchema,
  connectLinkSessionSchema,
} from './schemas/connect-links.js';
import type {
  adminConnectionSchema,
  connectionCreateSchema,
  connectionCredentialsSchema,
  connectionListQuerySchema,
  connectionSchema,
  connectionStatusSchema,
  oauthFlowCreateSchema,
  oauthFlowSchema,
  oauthFlowStartSchema,
} from './schemas/connections.js';
import type {
  connectorCardSchema,
  connectorCreateSchema,
  connectorSchema,
  connectorUpdateSchema,
  creatorSchema,
  visibilitySchema,
} from './schemas/connectors.js';
import type {
  connectionTestSchema,
  consoleAccountSchema,
  consoleSignInSchema,
  consoleTestSessionSchema,
} from './schemas/console.js';
import type {
  createdWebhookEndpointSchema,
  deliveryListQuerySchema,
  deliverySchema,
  deliveryStatusSchema,
  eventDefinitionSchema,
  eventEnvelopeSchema,
  inboundEndpointSchema,
  webhookEndpointCreateSchema,
  webhookEndpointSchema,
} from './schemas/events.js';
import type {
  callLogKindSchema,
  callLogListQuerySchema,
  callLogSchema,
  callLogStatusClassSchema,
} from './schemas/logs.js';
import type { createdMcpTokenSchema, mcpTokenCreateSchema, mcpTokenSchema } from './schemas/mcp.js';
import type { mcpToolPreviewSchema } from './schemas/mcp-preview.js';
import type { oauthAppCreateSchema, oauthAppSchema, oauthAppUpdateSchema } from './schemas/oauth-apps.js';
import type {
  apiKeyCreateSchema,
  apiKeySchema,
  createdApiKeySchema,
  memberCreateSchema,
  memberSchema,
  organizationSchema,
  organizationUpdateSchema,
  tenantSchema,
} from './schemas/organizations.js';
import type {
  connectSessionCreateSchema,
  connectSessionSchema,
  sessionBootstrapSchema,
  sessionInfoSchema,
} from './schemas/sessions.js';
import type { connectorVariableSchema, publicVariableSchema } from './schemas/variables.js';

/** One of the six auth kinds. */
export type AuthKind = (typeof AUTH_KINDS)[number];
/** An auth method as sent when creating or updating a connector. */
export type AuthMethodInput = z.input<typeof authMethodInputSchema>;
/** An auth method as stored and returned by the admin API. */
export type AuthMethod = z.output<typeof authMethodSchema>;
/** An auth method as the widget sees it. */
export type PublicAuthMethod = z.output<typeof publicAuthMethodSchema>;
/** One field of a custom auth handler's form. */
export type CustomAuthField = z.output<typeof customAuthFieldSchema>;
/** Credentials an end user types for a form-based auth kind. */
export type CredentialInput<K extends keyof typeof credentialInputSchemas> = z.input<
  (typeof credentialInputSchemas)[K]
>;

/** `private` or `public`. */
export type Visibility = z.output<typeof visibilitySchema>;
/** Who created a connector. */
export type Creator = z.output<typeof creatorSchema>;
/** Body of `POST /v1/connectors`. */
export type ConnectorCreate = z.input<typeof connectorCreateSchema>;
/** Body of `PATCH /v1/connectors/{id}`. */
export type ConnectorUpdate = z.input<typeof connectorUpdateSchema>;
/** A connector as the admin API returns it. */
export type Connector = z.output<typeof connectorSchema>;
/** A connector as a connect session sees it. */
export type ConnectorCard = z.output<typeof connectorCardSchema>;

/** A variable a connector declares, as sent and returned by the admin API. */
export type ConnectorVariable = z.output<typeof connectorVariableSchema>;
/** A connector variable as the connect form sees it, with the one pattern its values must match. */
export type PublicVariable = z.output<typeof publicVariableSchema>;

/** `active`, `needs_reauth`, `error` or `revoked`. */
export type ConnectionStatus = z.output<typeof connectionStatusSchema>;
/** Body of `POST /v1/session/connections`. */
export type ConnectionCreate = z.input<typeof connectionCreateSchema>;
/** A connection as a connect session sees it. */
export type Connection = z.output<typeof connectionSchema>;
/** A connection as the admin API returns it, credentials masked. */
export type AdminConnection = z.output<typeof adminConnectionSchema>;
/** Usable credentials of a connection, for the vendor's backend. */
export type ConnectionCredentials = z.output<typeof connectionCredentialsSchema>;
/** Filters of `GET /v1/connections`. */
export type ConnectionListQuery = z.input<typeof connectionListQuerySchema>;

/** Body of `POST /v1/session/oauth/flows`. */
export type OAuthFlowCreate = z.input<typeof oauthFlowCreateSchema>;
/** Where an OAuth flow stands. */
export type OAuthFlow = z.output<typeof oauthFlowSchema>;
/** A started OAuth flow, with the URL to open. */
export type OAuthFlowStart = z.output<typeof oauthFlowStartSchema>;

/** Body of `POST /v1/mcp-tokens`. */
export type McpTokenCreate = z.input<typeof mcpTokenCreateSchema>;
/** A freshly minted MCP token, token included (shown once). */
export type CreatedMcpToken = z.output<typeof createdMcpTokenSchema>;
/** An MCP token as listed: never the token itself. */
export type McpToken = z.output<typeof mcpTokenSchema>;
/** Body of `POST /v1/connect-sessions`. */
export type ConnectSessionCreate = z.input<typeof connectSessionCreateSchema>;
/** A freshly minted connect session, token included. */
export type ConnectSession = z.output<typeof connectSessionSchema>;
/** What a connect session knows about itself. */
export type SessionInfo = z.output<typeof sessionInfoSchema>;
/** Everything the widget's first paint needs: the session and its connector cards. */
export type SessionBootstrap = z.output<typeof sessionBootstrapSchema>;

/** Body of `POST /v1/connect-links`. */
export type ConnectLinkCreate = z.input<typeof connectLinkCreateSchema>;
/** A new connect link: its URL (with its token) and when it expires. */
export type CreatedConnectLink = z.output<typeof connectLinkSchema>;
/** A connect link as listed, without its URL. */
export type ConnectLinkInfo = z.output<typeof connectLinkInfoSchema>;
/** What the hosted connect page gets for a link's token. */
export type ConnectLinkSession = z.output<typeof connectLinkSessionSchema>;
/** One MCP tool a tenant would get. */
export type McpToolPreview = z.output<typeof mcpToolPreviewSchema>;

/** An organization. */
export type Organization = z.output<typeof organizationSchema>;
/** Body of `PATCH /v1/organization`. */
export type OrganizationUpdate = z.input<typeof organizationUpdateSchema>;
/** A member of the organization. */
export type Member = z.output<typeof memberSchema>;
/** Body of `POST /v1/members`. */
export type MemberCreate = z.input<typeof memberCreateSchema>;
/** A secret API key, without its secret. */
export type ApiKey = z.output<typeof apiKeySchema>;
/** Body of `POST /v1/api-keys`. */
export type ApiKeyCreate = z.input<typeof apiKeyCreateSchema>;
/** A new API key with its secret, shown once. */
export type CreatedApiKey = z.output<typeof createdApiKeySchema>;
/** A tenant of the organization. */
export type Tenant = z.output<typeof tenantSchema>;

/** Body of `POST /v1/oauth-apps`. */
export type OAuthAppCreate = z.input<typeof oauthAppCreateSchema>;
/** Body of `PATCH /v1/oauth-apps/{id}`. */
export type OAuthAppUpdate = z.input<typeof oauthAppUpdateSchema>;
/** A managed OAuth app, without its secret. */
export type OAuthApp = z.output<typeof oauthAppSchema>;

/** Body of `POST /v1/console/sign-in`. */
export type ConsoleSignIn = z.input<typeof consoleSignInSchema>;
/** The signed-in console member, their organization and the session's CSRF token. */
export type ConsoleAccount = z.output<typeof consoleAccountSchema>;
/** Body of `POST /v1/console/test-session`. */
export type ConsoleTestSessionCreate = z.input<typeof consoleTestSessionSchema>;
/** The outcome of `POST /v1/connections/{id}/test`. */
export type ConnectionTest = z.output<typeof connectionTestSchema>;

/** An event a connector produces, and how it arrives. */
export type EventDefinition = z.output<typeof eventDefinitionSchema>;
/** The bounds the server holds the connector agent to (`GET /v1/agent/limits`). */
export type AgentLimits = z.output<typeof import('./schemas/agent.js').agentLimitsSchema>;
/** How a third party signs its webhooks, as an event's `delivery.signature` declares it. */
export type EventSignature = z.output<typeof import('./schemas/events.js').eventSignatureSchema>;
/** An event definition as sent when creating or updating a connector. */
export type EventDefinitionInput = z.input<typeof eventDefinitionSchema>;
/** Body of `POST /v1/webhook-endpoints`. */
export type WebhookEndpointCreate = z.input<typeof webhookEndpointCreateSchema>;
/** A vendor endpoint that receives events, without its secret. */
export type WebhookEndpoint = z.output<typeof webhookEndpointSchema>;
/** A new endpoint with its signing secret, shown once. */
export type CreatedWebhookEndpoint = z.output<typeof createdWebhookEndpointSchema>;
/** `pending`, `delivered` or `failed`. */
export type DeliveryStatus = z.output<typeof deliveryStatusSchema>;
/** One event sent to one endpoint. */
export type Delivery = z.output<typeof deliverySchema>;
/** Filters of `GET /v1/deliveries`. */
export type DeliveryListQuery = Omit<z.input<typeof deliveryListQuerySchema>, 'limit'> & { limit?: number };
/** Where a connection's third party posts its webhooks. */
export type InboundEndpoint = z.output<typeof inboundEndpointSchema>;
/** The JSON body of a delivery. */
export type EventEnvelope = z.output<typeof eventEnvelopeSchema>;

/** A page of a list. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** An HTTP method an action may use. */
export type ActionMethod = z.output<typeof import('./schemas/actions.js').actionMethodSchema>;
/** One call a connector offers on its third-party API, as stored and returned. */
export type ActionDefinition = z.output<typeof import('./schemas/actions.js').actionDefinitionSchema>;
/** An action as written in a connector's create or update body. */
export type ActionDefinitionInput = z.input<typeof import('./schemas/actions.js').actionDefinitionSchema>;
/** Body of `POST /v1/actions/run`. */
export type ActionRun = z.input<typeof import('./schemas/actions.js').actionRunSchema>;
/** Body of `POST /v1/proxy`. */
export type ProxyRequest = z.input<typeof import('./schemas/actions.js').proxyRequestSchema>;
/** Body of `POST /v1/connectors/{id}/actions/{key}/test`. */
export type ActionTestRun = z.input<typeof import('./schemas/actions.js').actionTestRunSchema>;
/** What a call to the third party returned, with the request as sent (secrets masked). */
export type ActionResult = z.output<typeof import('./schemas/actions.js').actionResultSchema>;
/** The outcome of an action's last test. */
export type ActionTest = z.output<typeof import('./schemas/actions.js').actionTestSchema>;
/** An action with the viewer's last test, as `GET /v1/connectors/{id}/actions` lists it. */
export type ConnectorAction = z.output<typeof import('./schemas/actions.js').connectorActionSchema>;
/** The answer of `POST /v1/connectors/{id}/actions/{key}/test`. */
export type ActionTestResult = z.output<typeof import('./schemas/actions.js').actionTestResultSchema>;

type AgentSchemas = typeof import('./schemas/agent.js');
/** Where a connector agent run is. */
export type AgentRunStatus = z.output<AgentSchemas['agentRunStatusSchema']>;
/** A step of the connector agent. */
export type AgentStep = z.output<AgentSchemas['agentStepSchema']>;
/** Body of `POST /v1/agent/runs`. */
export type AgentRunCreate = z.input<AgentSchemas['agentRunCreateSchema']>;
/** An auth method of an agent draft: the create input with a `key`. */
export type AgentAuthMethod = z.output<AgentSchemas['agentAuthMethodSchema']>;
/** The connector draft of an agent run. */
export type AgentDraft = z.output<AgentSchemas['agentDraftSchema']>;
/** A review decision on one auth method, action or event of a draft. */
export interface AgentDecision {
  key: string;
  verdict: 'accept' | 'drop' | 'edit';
  /** With `edit`: the whole edited item, in the connector create shape (an auth method's `key` may be left out). */
  value?:
    | z.input<typeof import('./schemas/auth-methods.js').authMethodInputSchema>
    | z.input<typeof import('./schemas/actions.js').actionDefinitionSchema>
    | z.input<typeof import('./schemas/events.js').eventDefinitionSchema>;
}
/** Body of `POST /v1/agent/runs/{id}/review`. */
export interface AgentReview {
  decisions: { authMethods?: AgentDecision[]; actions?: AgentDecision[]; events?: AgentDecision[] };
}
/** Body of `POST /v1/agent/runs/{id}/create`. */
export type AgentCreate = z.input<AgentSchemas['agentCreateSchema']>;
/** A test of one safe action of an agent draft. */
export type AgentTest = z.output<AgentSchemas['agentTestSchema']>;
/** A fix the agent tried. */
export type AgentFix = z.output<AgentSchemas['agentFixSchema']>;
/** A connector agent run ("Build with AI"). */
export type AgentRun = z.output<AgentSchemas['agentRunSchema']>;
/** One line of an agent run's log. */
export type AgentLogEntry = z.output<AgentSchemas['agentLogEntrySchema']>;

/** What a call log entry records: an action run, a proxy call, an MCP tool call, a refresh, a webhook or a delivery. */
export type CallLogKind = z.output<typeof callLogKindSchema>;
/** A class of outcomes of `GET /v1/logs`'s `status` filter. */
export type CallLogStatusClass = z.output<typeof callLogStatusClassSchema>;
/** One call in a tenant's call log: where it went and how it ended, never query values or bodies. */
export type CallLog = z.output<typeof callLogSchema>;
/** Filters of `GET /v1/logs`. */
export type CallLogListQuery = Omit<z.input<typeof callLogListQuerySchema>, 'limit'> & { limit?: number };
