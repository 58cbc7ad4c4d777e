import type {
  ActionResult,
  ActionRun,
  ActionTestResult,
  ActionTestRun,
  AdminConnection,
  ApiKey,
  ApiKeyCreate,
  ConnectionCredentials,
  ConnectionStatus,
  ConnectionTest,
  Connector,
  ConnectorAction,
  ConnectorCreate,
  ConnectorUpdate,
  ConnectSession,
  ConnectSessionCreate,
  CreatedApiKey,
  CreatedWebhookEndpoint,
  Delivery,
  DeliveryListQuery,
  InboundEndpoint,
  Member,
  MemberCreate,
  OAuthApp,
  OAuthAppCreate,
  OAuthAppUpdate,
  Organization,
  OrganizationUpdate,
  Page,
  ProxyRequest,
  Tenant,
  WebhookEndpoint,
  WebhookEndpointCreate,
} from '@plugboard/shared';
import { type ApiRequest, segment } from '../core/request.js';

/** Sends one admin call with the client's credential: a secret key, or the console's cookie and CSRF token. */
export type AdminSend = <T>(request: ApiRequest) => Promise<T>;

/** Filters and paging of `connectors.list`. */
export interface ConnectorListQuery {
  /** `own`: this organization's; `public`: others' public ones; `all` (default): both. */
  scope?: 'own' | 'public' | 'all';
  limit?: number;
  cursor?: string;
}

/** Filters and paging of `connections.list`. */
export interface ConnectionListQuery {
  /** Your id of the tenant. */
  tenantId?: string;
  /** Connector id or slug. */
  connector?: string;
  status?: ConnectionStatus;
  limit?: number;
  cursor?: string;
}

/** Every item of a paged list, fetching pages as it goes. */
export async function* pages<T>(list: (cursor: string | undefined) => Promise<Page<T>>) {
  let cursor: string | undefined;
  do {
    const page: Page<T> = await list(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** The organization of the secret key. */
export class OrganizationResource {
  constructor(private readonly send: AdminSend) {}
  /** Gets the organization. */
  get(): Promise<Organization> {
    return this.send({ method: 'GET', path: 'organization' });
  }
  /** Renames it or replaces its allowed widget origins. */
  update(body: OrganizationUpdate): Promise<Organization> {
    return this.send({ method: 'PATCH', path: 'organization', body });
  }
}

/** Members of the organization. */
export class MembersResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists members. */
  list(): Promise<Page<Member>> {
    return this.send({ method: 'GET', path: 'members' });
  }
  /** Adds a member. */
  create(body: MemberCreate): Promise<Member> {
    return this.send({ method: 'POST', path: 'members', body });
  }
}

/** Secret keys of the organization. */
export class ApiKeysResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists keys without their secrets. */
  list(): Promise<Page<ApiKey>> {
    return this.send({ method: 'GET', path: 'api-keys' });
  }
  /** Creates a key; `secret` in the result is the only copy. */
  create(body: ApiKeyCreate): Promise<CreatedApiKey> {
    return this.send({ method: 'POST', path: 'api-keys', body });
  }
  /** Revokes a key (not the one in use). */
  revoke(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `api-keys/${segment(id)}` });
  }
}

/** Connectors: integration definitions. */
export class ConnectorsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists one page of connectors. */
  list(query: ConnectorListQuery = {}): Promise<Page<Connector>> {
    return this.send({ method: 'GET', path: 'connectors', query: { ...query } });
  }
  /** Iterates over every connector, page by page. */
  listAll(query: Omit<ConnectorListQuery, 'cursor'> = {}): AsyncGenerator<Connector> {
    return pages((cursor) => this.list({ ...query, ...(cursor ? { cursor } : {}) }));
  }
  /** Gets a connector by id or slug. */
  get(idOrSlug: string): Promise<Connector> {
    return this.send({ method: 'GET', path: `connectors/${segment(idOrSlug)}` });
  }
  /** Creates a connector; the slug is generated from the name unless given. */
  create(body: ConnectorCreate): Promise<Connector> {
    return this.send({ method: 'POST', path: 'connectors', body });
  }
  /** Changes a connector the organization owns. */
  update(idOrSlug: string, body: ConnectorUpdate): Promise<Connector> {
    return this.send({ method: 'PATCH', path: `connectors/${segment(idOrSlug)}`, body });
  }
  /** Deletes a connector and all its connections. */
  delete(idOrSlug: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `connectors/${segment(idOrSlug)}` });
  }
  /**
   * A connector's actions, each with your organization's last test (`lastTest`, null before the first).
   *
   * @example
   * ```ts
   * const { data } = await plugboard.connectors.actions('acme-crm');
   * ```
   */
  actions(idOrSlug: string): Promise<{ data: ConnectorAction[] }> {
    return this.send({ method: 'GET', path: `connectors/${segment(idOrSlug)}/actions` });
  }
  /**
   * Runs one action with a connection of the connector and keeps the outcome as the action's last test.
   * @throws ValidationError with code `validation_failed` for input the action's schema refuses
   * @example
   * ```ts
   * const test = await plugboard.connectors.testAction('acme-crm', 'me', { connectionId: 'cxn_1' });
   * console.log(test.passed, test.result.status);
   * ```
   */
  testAction(idOrSlug: string, key: string, body: ActionTestRun): Promise<ActionTestResult> {
    return this.send({
      method: 'POST',
      path: `connectors/${segment(idOrSlug)}/actions/${segment(key)}/test`,
      body,
    });
  }
}

/** Calls to third-party APIs with a connection's credentials, which never leave Plugboard. */
export class ActionsResource {
  constructor(private readonly send: AdminSend) {}
  /**
   * Runs a connector action: the input is checked against the action's schema, the connection's credentials
   * are added, and the third party's answer comes back (secrets masked in `request`).
   * @throws ValidationError (`validation_failed`, `egress_blocked`, `path_not_allowed`), PlugboardApiError
   * with `upstream_timeout` or `upstream_too_large`
   * @example
   * ```ts
   * const { status, body } = await plugboard.actions.run({ connectionId: 'cxn_1', action: 'get-contact', input: { id: 'c_1' } });
   * ```
   */
  run(body: ActionRun): Promise<ActionResult> {
    return this.send({ method: 'POST', path: 'actions/run', body });
  }
  /**
   * Sends any request to a path of the connection's connector API, with its credentials. The path cannot
   * leave the API (`//host`, `https://…` are refused with `path_not_allowed`).
   * @example
   * ```ts
   * await plugboard.actions.proxy({ connectionId: 'cxn_1', method: 'GET', path: '/contacts', query: { limit: 10 } });
   * ```
   */
  proxy(body: ProxyRequest): Promise<ActionResult> {
    return this.send({ method: 'POST', path: 'proxy', body });
  }
}

/** Connections of every tenant, credentials masked. */
export class ConnectionsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists one page of connections, filtered by tenant, connector or status. */
  list(query: ConnectionListQuery = {}): Promise<Page<AdminConnection>> {
    return this.send({ method: 'GET', path: 'connections', query: { ...query } });
  }
  /** Iterates over every matching connection, page by page. */
  listAll(query: Omit<ConnectionListQuery, 'cursor'> = {}): AsyncGenerator<AdminConnection> {
    return pages((cursor) => this.list({ ...query, ...(cursor ? { cursor } : {}) }));
  }
  /** Gets one connection. */
  get(id: string): Promise<AdminConnection> {
    return this.send({ method: 'GET', path: `connections/${segment(id)}` });
  }
  /**
   * Usable credentials for calling the provider from your backend. OAuth 2.0 access tokens are refreshed
   * first when they are due (one refresh at a time, across servers); the refresh token never leaves Plugboard.
   * @throws ConflictError with code `needs_reauth` when the end user must reconnect
   */
  getCredentials(id: string): Promise<ConnectionCredentials> {
    return this.send({ method: 'GET', path: `connections/${segment(id)}/credentials` });
  }
  /** Deletes a connection and its credentials. */
  delete(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `connections/${segment(id)}` });
  }
  /**
   * Checks that a connection's credentials still work, where its connector defines how (OAuth 2.0 through a
   * token refresh, custom auth through its handler); `result` is `unsupported` otherwise.
   *
   * @example
   * ```ts
   * const { result, message, status } = await plugboard.connections.test('cxn_1');
   * ```
   */
  test(id: string): Promise<ConnectionTest> {
    return this.send({ method: 'POST', path: `connections/${segment(id)}/test` });
  }
  /**
   * The URL the connection's third party should post its webhooks to, and the signing secret to give it when
   * the connector checks signatures. Creates them on the first call (`POST /v1/connections/{id}/inbound`); the
   * same answer every time after.
   *
   * @example
   * ```ts
   * const { url, secret } = await plugboard.connections.inbound('cxn_1');
   * ```
   */
  inbound(id: string): Promise<InboundEndpoint> {
    return this.send({ method: 'POST', path: `connections/${segment(id)}/inbound` });
  }
}

/** Tenants: the organization's customers. */
export class TenantsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists tenants with their connection counts. */
  list(query: { limit?: number; cursor?: string } = {}): Promise<Page<Tenant>> {
    return this.send({ method: 'GET', path: 'tenants', query: { ...query } });
  }
}

/** Connect sessions: short-lived tokens for the widget. */
export class ConnectSessionsResource {
  constructor(private readonly send: AdminSend) {}
  /** Mints a session for one tenant and end user; hand `token` to the browser. */
  create(body: ConnectSessionCreate): Promise<ConnectSession> {
    return this.send({ method: 'POST', path: 'connect-sessions', body });
  }
}

/** Managed OAuth apps: client credentials registered once, usable by any connector of the organization. */
export class OAuthAppsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists apps (never their secrets) with the connectors that use each. */
  list(): Promise<Page<OAuthApp>> {
    return this.send({ method: 'GET', path: 'oauth-apps' });
  }
  /** Registers an app; the secret is stored encrypted and never returned. */
  create(body: OAuthAppCreate): Promise<OAuthApp> {
    return this.send({ method: 'POST', path: 'oauth-apps', body });
  }
  /** Changes an app's client ID, secret or default scopes. */
  update(id: string, body: OAuthAppUpdate): Promise<OAuthApp> {
    return this.send({ method: 'PATCH', path: `oauth-apps/${segment(id)}`, body });
  }
  /** Removes an app no connector uses. */
  delete(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `oauth-apps/${segment(id)}` });
  }
}

/** Your endpoints that receive events (connection lifecycle and third-party events), signed. */
export class WebhookEndpointsResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists endpoints, without their secrets. */
  list(): Promise<Page<WebhookEndpoint>> {
    return this.send({ method: 'GET', path: 'webhook-endpoints' });
  }
  /**
   * Adds an endpoint. Keep `signingSecret` from the result: it is shown only this once, and
   * {@link verifyWebhook} needs it.
   * @throws ValidationError with code `egress_blocked` when the URL points at an internal address
   * @example
   * ```ts
   * const { signingSecret } = await plugboard.webhookEndpoints.create({ url: 'https://api.example.com/plugboard' });
   * ```
   */
  create(body: WebhookEndpointCreate): Promise<CreatedWebhookEndpoint> {
    return this.send({ method: 'POST', path: 'webhook-endpoints', body });
  }
  /** Removes an endpoint with its deliveries. */
  delete(id: string): Promise<void> {
    return this.send({ method: 'DELETE', path: `webhook-endpoints/${segment(id)}` });
  }
}

/** The delivery log: each event sent to each endpoint, with its attempts. */
export class DeliveriesResource {
  constructor(private readonly send: AdminSend) {}
  /**
   * Lists deliveries, newest first, by endpoint and status.
   * @example
   * ```ts
   * const { data } = await plugboard.deliveries.list({ status: 'failed' });
   * ```
   */
  list(query: DeliveryListQuery = {}): Promise<Page<Delivery>> {
    return this.send({ method: 'GET', path: 'deliveries', query: { ...query } });
  }
  /** Sends a delivery's event to its endpoint again, as a new delivery. */
  resend(id: string): Promise<Delivery> {
    return this.send({ method: 'POST', path: `deliveries/${segment(id)}/resend` });
  }
}
