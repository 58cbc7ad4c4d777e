import type { CreatedMcpToken, McpToken, McpTokenCreate } from '@plugboard/sdk';
import type {
  AdminConnection,
  CallLog,
  CallLogListQuery,
  ConnectionStatus,
  ConnectionTest,
  Connector,
  ConnectorCreate,
  ConnectorUpdate,
  ConnectSession,
  ConsoleAccount,
  McpToolPreview,
  OAuthApp,
  OAuthAppCreate,
  OAuthAppUpdate,
  Page,
  Tenant,
} from '@plugboard/shared';
import type { AgentClient } from './agent/types.js';
import type {
  ActionTestResult,
  ActionTestRun,
  ConnectorAction,
  CreatedWebhookEndpoint,
  Delivery,
  DeliveryListQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
} from './contract.js';

export type { ConnectionTest, ConsoleAccount };

/** A connector as the console lists it, with `connectionCount`: how many connections a delete would remove. */
export type ConsoleConnector = Connector;

/** Filters and paging of the connections table. */
export interface ConnectionQuery {
  tenantId?: string;
  connector?: string;
  status?: ConnectionStatus;
  limit?: number;
  cursor?: string;
}

/**
 * The part of the SDK's `PlugboardConsole` the console uses. Components take this instead of the class,
 * so tests hand them an in-memory fake and no page knows how requests travel.
 */
export interface ConsoleClient {
  signIn(body: { email: string; password: string }): Promise<ConsoleAccount>;
  me(): Promise<ConsoleAccount>;
  signOut(): Promise<void>;
  /** A connect session for the signed-in member, so cards and auth flows run exactly as in the widget. */
  testSession(body?: { tenantId?: string }): Promise<ConnectSession>;
  connectors: {
    list(query?: { limit?: number; cursor?: string }): Promise<Page<ConsoleConnector>>;
    get(id: string): Promise<ConsoleConnector>;
    create(body: ConnectorCreate): Promise<Connector>;
    update(id: string, body: ConnectorUpdate): Promise<Connector>;
    delete(id: string): Promise<void>;
    /** The connector's actions, each with its last test result. */
    actions(id: string): Promise<{ data: ConnectorAction[] }>;
    /** Runs an action with a connection and stores the outcome as the action's last test. */
    testAction(id: string, key: string, body: ActionTestRun): Promise<ActionTestResult>;
  };
  connections: {
    list(query?: ConnectionQuery): Promise<Page<AdminConnection>>;
    test(id: string): Promise<ConnectionTest>;
    delete(id: string): Promise<void>;
  };
  tenants: {
    list(query?: { limit?: number; cursor?: string }): Promise<Page<Tenant>>;
  };
  oauthApps: {
    list(): Promise<Page<OAuthApp>>;
    create(body: OAuthAppCreate): Promise<OAuthApp>;
    update(id: string, body: OAuthAppUpdate): Promise<OAuthApp>;
    delete(id: string): Promise<void>;
  };
  webhookEndpoints: {
    list(): Promise<Page<WebhookEndpoint>>;
    create(body: WebhookEndpointCreate): Promise<CreatedWebhookEndpoint>;
    delete(id: string): Promise<void>;
  };
  deliveries: {
    list(query?: DeliveryListQuery): Promise<Page<Delivery>>;
    /** Sends the delivery's event to its endpoint again, as a new delivery. */
    resend(id: string): Promise<Delivery>;
  };
  /** Build with AI: runs of the connector agent, their live log, review and create. */
  agent: AgentClient;
  /** The per-tenant call logs. */
  logs: {
    list(query?: CallLogListQuery): Promise<Page<CallLog>>;
  };
  /** MCP tokens for AI agents, and the tools a tenant would get. */
  mcpTokens: {
    create(body: McpTokenCreate): Promise<CreatedMcpToken>;
    list(): Promise<{ data: McpToken[] }>;
    revoke(id: string): Promise<void>;
    preview(tenantId: string): Promise<{ data: McpToolPreview[] }>;
  };
}
