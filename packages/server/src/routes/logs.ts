import { type CallLog, callLogListQuerySchema, callLogSchema, ErrorCode, pageSchema } from '@plugboard/shared';
import { route } from '../http/route.js';
import { findVisibleConnector } from '../services/connectors.js';
import type { ServiceDeps } from '../services/deps.js';
import type { CallLogRecord } from '../storage/store.js';
import { nextPage } from './paging.js';

/** A call log entry as the API shows it. */
function present(record: CallLogRecord): CallLog {
  const { organizationId: _organizationId, connectorSlug, ...entry } = record;
  return { ...entry, connector: connectorSlug };
}

/** The per-tenant call logs: every action run, proxy call, MCP tool call, refresh, inbound webhook and delivery. */
export const logRoutes = (deps: ServiceDeps) => [
  route({
    method: 'get',
    path: '/v1/logs',
    tag: 'Logs',
    summary:
      'List calls to and from third-party APIs, newest first: filter by tenant, connector, connection, kind, status class and time',
    operationId: 'listCallLogs',
    description:
      'The per-tenant call log: every action run, proxy call, MCP tool call, token refresh, inbound webhook and delivery, with its path template, status, duration, error code and request id (never query values or bodies). Keyset-paged with `cursor`.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 200,
    query: callLogListQuerySchema,
    response: pageSchema(callLogSchema),
    handler: async ({ auth, query }) => {
      const { connector, ...filters } = query;
      const connectorId = connector
        ? (await findVisibleConnector(deps, auth.organization.id, connector)).id
        : undefined;
      const records = await deps.store.listCallLogs({
        ...filters,
        connectorId,
        organizationId: auth.organization.id,
        limit: query.limit + 1,
      });
      return nextPage(records.map(present), query.limit);
    },
  }),
];
