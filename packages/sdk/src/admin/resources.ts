import type {
  AdminConnection,
  ApiKey,
  ApiKeyCreate,
  ConnectionCredentials,
  ConnectionStatus,
  ConnectionTest,
  Connector,
  ConnectorCreate,
  ConnectorUpdate,
  ConnectSession,
  ConnectSessionCreate,
  CreatedApiKey,
  Member,
  MemberCreate,
  OAuthApp,
  OAuthAppCreate,
  OAuthAppUpdate,
  Organization,
  OrganizationUpdate,
  Page,
  Tenant,
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

async function* pages<T>(list: (cursor: string | undefined) => Promise<Page<T>>) {
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
