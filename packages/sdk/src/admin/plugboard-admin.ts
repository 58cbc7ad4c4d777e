import { type ClientOptions, createOpener, createSender } from '../core/request.js';
import { AgentResource } from './agent-resource.js';
import { ConnectLinksResource } from './connect-links-resource.js';
import { LogsResource } from './logs-resource.js';
import { McpTokensResource } from './mcp-tokens-resource.js';
import { ProxyResource } from './proxy-resource.js';
import {
  ActionsResource,
  ApiKeysResource,
  ConnectionsResource,
  ConnectorsResource,
  ConnectSessionsResource,
  DeliveriesResource,
  MembersResource,
  OAuthAppsResource,
  OrganizationResource,
  TenantsResource,
  WebhookEndpointsResource,
} from './resources.js';

/** Options of {@link PlugboardAdmin}. */
export interface PlugboardAdminOptions extends ClientOptions {
  /** The organization's secret key, `pb_sk_…`. Keep it on your servers. */
  secretKey: string;
  /**
   * Allow construction in a browser. Secret keys must never reach one; this exists for admin tools
   * that run in a trusted browser context only.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean;
}

/**
 * The admin client for your backend: connectors, connections, tenants and connect sessions.
 *
 * @example
 * ```ts
 * const plugboard = new PlugboardAdmin({ baseUrl: 'http://localhost:4400', secretKey: process.env.PLUGBOARD_SECRET_KEY! });
 * const { token } = await plugboard.connectSessions.create({ tenantId: 'customer-42', endUserId: 'user-7' });
 * ```
 */
export class PlugboardAdmin {
  readonly organization: OrganizationResource;
  readonly members: MembersResource;
  readonly apiKeys: ApiKeysResource;
  readonly connectors: ConnectorsResource;
  readonly connections: ConnectionsResource;
  /** Runs connector actions and proxied calls with a connection's credentials. */
  readonly actions: ActionsResource;
  /** Any request to a connection's API, the answer streamed back as a standard `Response`. */
  readonly proxy: ProxyResource;
  readonly tenants: TenantsResource;
  readonly connectSessions: ConnectSessionsResource;
  /** Links to a hosted connect page, for end users you cannot show the widget to. */
  readonly connectLinks: ConnectLinksResource;
  readonly oauthApps: OAuthAppsResource;
  /** Endpoints that receive events. */
  readonly webhookEndpoints: WebhookEndpointsResource;
  /** The delivery log of events, with resend. */
  readonly deliveries: DeliveriesResource;
  /** The connector agent ("Build with AI"): runs, their event streams, review and create. */
  readonly agent: AgentResource;
  /** Tokens for AI agents to call the MCP server with one tenant's connections as tools. */
  readonly mcpTokens: McpTokensResource;
  /** The per-tenant call logs: what each tenant's connections called, and how it went. */
  readonly logs: LogsResource;

  /** @throws TypeError when the key is not a secret key, or in a browser without `dangerouslyAllowBrowser`. */
  constructor({ secretKey, dangerouslyAllowBrowser = false, ...options }: PlugboardAdminOptions) {
    if (typeof secretKey !== 'string' || !secretKey.startsWith('pb_sk_')) {
      throw new TypeError('PlugboardAdmin needs a secret key starting with "pb_sk_"');
    }
    if (!dangerouslyAllowBrowser && typeof window !== 'undefined' && typeof document !== 'undefined') {
      throw new TypeError(
        'PlugboardAdmin holds a secret key and must run on your server. In the browser, use PlugboardSession with a connect session token.',
      );
    }
    const send = createSender(options);
    const adminSend = <T>(request: Parameters<typeof send>[0]) => send<T>(request, { bearer: secretKey });
    this.organization = new OrganizationResource(adminSend);
    this.members = new MembersResource(adminSend);
    this.apiKeys = new ApiKeysResource(adminSend);
    this.connectors = new ConnectorsResource(adminSend);
    this.connections = new ConnectionsResource(adminSend);
    this.actions = new ActionsResource(adminSend);
    this.proxy = new ProxyResource(options, secretKey);
    this.tenants = new TenantsResource(adminSend);
    this.connectSessions = new ConnectSessionsResource(adminSend);
    this.connectLinks = new ConnectLinksResource(adminSend);
    this.oauthApps = new OAuthAppsResource(adminSend);
    this.webhookEndpoints = new WebhookEndpointsResource(adminSend);
    this.deliveries = new DeliveriesResource(adminSend);
    this.mcpTokens = new McpTokensResource(adminSend);
    this.logs = new LogsResource(adminSend);
    const open = createOpener(options);
    this.agent = new AgentResource(adminSend, (request, stream) => open(request, { bearer: secretKey }, stream));
  }
}
