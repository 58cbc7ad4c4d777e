import type {
  AdminConnection,
  ConnectionCredentials,
  ConnectionStatus,
  ConnectionTest,
  InboundEndpoint,
  Page,
} from '@plugboard/shared';
import { segment } from '../core/request.js';
import type { AdminSend } from './admin-send.js';
import { pages } from './paging.js';

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
