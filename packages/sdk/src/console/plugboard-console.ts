import type { ConnectSession, ConsoleAccount, ConsoleSignIn, ConsoleTestSessionCreate } from '@plugboard/shared';
import { AgentResource } from '../admin/agent-resource.js';
import { LogsResource } from '../admin/logs-resource.js';
import { McpTokensResource } from '../admin/mcp-tokens-resource.js';
import type { AdminSend } from '../admin/resources.js';
import {
  ActionsResource,
  ConnectionsResource,
  ConnectorsResource,
  ConnectSessionsResource,
  DeliveriesResource,
  MembersResource,
  OAuthAppsResource,
  OrganizationResource,
  TenantsResource,
  WebhookEndpointsResource,
} from '../admin/resources.js';
import { type ApiRequest, type ClientOptions, createOpener, createSender } from '../core/request.js';

/**
 * The admin console's client: a member signs in with email and password, the server keeps the session in an
 * HttpOnly cookie, and this client sends the session's CSRF token on every request that changes something.
 * It offers the same resources as {@link PlugboardAdmin}, except those that hand out secrets.
 *
 * Requests go with `credentials: 'include'`, so the console may run on another origin than the server only if
 * that server allows it; the reference server serves the console itself, at `/console`.
 *
 * @example
 * ```ts
 * const plugboard = new PlugboardConsole({ baseUrl: location.origin });
 * try {
 *   await plugboard.me(); // after a reload: still signed in?
 * } catch (error) {
 *   if (error instanceof AuthenticationError) await plugboard.signIn({ email, password });
 * }
 * const { data } = await plugboard.connectors.list();
 * ```
 */
export class PlugboardConsole {
  #csrfToken: string | undefined;
  readonly #send: ReturnType<typeof createSender>;

  /** The organization of the signed-in member. */
  readonly organization: OrganizationResource;
  /** Members of the organization. */
  readonly members: MembersResource;
  /** Connectors: the organization's own and others' public ones. */
  readonly connectors: ConnectorsResource;
  /** Connections of every tenant, credentials masked; `test(id)` checks one. */
  readonly connections: ConnectionsResource;
  /** Runs connector actions and proxied calls with a connection's credentials. */
  readonly actions: ActionsResource;
  /** Tenants with their connection counts. */
  readonly tenants: TenantsResource;
  /** Connect sessions for any tenant; see {@link PlugboardConsole.testSession} for the member's own. */
  readonly connectSessions: ConnectSessionsResource;
  /** Managed OAuth apps. */
  readonly oauthApps: OAuthAppsResource;
  /** Endpoints that receive events. */
  readonly webhookEndpoints: WebhookEndpointsResource;
  /** The delivery log of events, with resend. */
  readonly deliveries: DeliveriesResource;
  /** The connector agent ("Build with AI"): runs, their event streams, review and create. */
  readonly agent: AgentResource;
  /** MCP tokens for AI agents, and a preview of the tools a tenant would get. */
  readonly mcpTokens: McpTokensResource;
  /** The per-tenant call logs: what each tenant's connections called, and how it went. */
  readonly logs: LogsResource;

  constructor(options: ClientOptions) {
    this.#send = createSender(options);
    const send: AdminSend = (request) => this.#call(request);
    this.organization = new OrganizationResource(send);
    this.members = new MembersResource(send);
    this.connectors = new ConnectorsResource(send);
    this.connections = new ConnectionsResource(send);
    this.actions = new ActionsResource(send);
    this.tenants = new TenantsResource(send);
    this.connectSessions = new ConnectSessionsResource(send);
    this.oauthApps = new OAuthAppsResource(send);
    this.webhookEndpoints = new WebhookEndpointsResource(send);
    this.deliveries = new DeliveriesResource(send);
    this.mcpTokens = new McpTokensResource(send);
    this.logs = new LogsResource(send);
    const open = createOpener(options);
    this.agent = new AgentResource(send, (request, stream) =>
      open(request, { cookie: true, csrfToken: this.#csrfToken }, stream),
    );
  }

  #call<T>(request: ApiRequest): Promise<T> {
    return this.#send<T>(request, { cookie: true, csrfToken: this.#csrfToken });
  }

  async #account(request: ApiRequest): Promise<ConsoleAccount> {
    const account = await this.#call<ConsoleAccount>(request);
    this.#csrfToken = account.csrfToken;
    return account;
  }

  /**
   * Signs a member in; the server sets the session cookie, and this client keeps the CSRF token.
   * @throws AuthenticationError with code `invalid_credentials` for an unknown email or a wrong password
   * @throws RateLimitError after repeated failures for one email (see `retryAfter`)
   */
  signIn(body: ConsoleSignIn): Promise<ConsoleAccount> {
    return this.#account({ method: 'POST', path: 'console/sign-in', body });
  }

  /**
   * The signed-in member and their organization. Call it after a page load: it also recovers the CSRF token.
   * @throws AuthenticationError when no session is signed in or it has expired
   */
  me(): Promise<ConsoleAccount> {
    return this.#account({ method: 'GET', path: 'console/me' });
  }

  /** Ends the session; the server clears the cookie. */
  async signOut(): Promise<void> {
    await this.#call<void>({ method: 'POST', path: 'console/sign-out' });
    this.#csrfToken = undefined;
  }

  /**
   * Mints a connect session for the signed-in member, to make test connections from the console with
   * `PlugboardSession` and the widget's pieces: tenant `console-test-<member id>` unless another is given.
   */
  testSession(body: ConsoleTestSessionCreate = {}): Promise<ConnectSession> {
    return this.#call({ method: 'POST', path: 'console/test-session', body });
  }
}
