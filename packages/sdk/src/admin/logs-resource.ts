import type { CallLog, CallLogListQuery, Page } from '@plugboard/shared';
import { pages } from './paging.js';
import type { AdminSend } from './resources.js';

/**
 * The per-tenant call logs: every action run, proxy call, MCP tool call, token refresh, inbound webhook and
 * delivery, with where it went (method, host, path template) and how it ended, never query values or bodies.
 */
export class LogsResource {
  constructor(private readonly send: AdminSend) {}

  /**
   * Lists calls, newest first, filtered by tenant, connector (id or slug), connection, kind, status class
   * (`2xx`…`5xx`, or `error` for calls that failed with a Plugboard error code) and time.
   * @throws ValidationError for a malformed filter; NotFoundError for an unknown connector
   * @example
   * ```ts
   * const { data } = await plugboard.logs.list({ tenantId: 'customer-42', status: '5xx' });
   * for (const call of data) console.log(call.createdAt, call.connector, call.path, call.status, call.requestId);
   * ```
   */
  list(query: CallLogListQuery = {}): Promise<Page<CallLog>> {
    return this.send({ method: 'GET', path: 'logs', query: { ...query } });
  }

  /**
   * Every call matching the filters, newest first, fetching pages as it goes.
   * @example
   * ```ts
   * for await (const call of plugboard.logs.listAll({ connectionId: 'cxn_…', kind: 'refresh' })) console.log(call);
   * ```
   */
  listAll(query: Omit<CallLogListQuery, 'cursor'> = {}): AsyncGenerator<CallLog> {
    return pages((cursor) => this.list({ ...query, ...(cursor ? { cursor } : {}) }));
  }
}
