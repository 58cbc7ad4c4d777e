// The per-tenant call logs: written in batches by the call log writer, read newest first by id.
import type { CallLogKind } from '@plugboard/shared';
import type { CallLogRecord, CallLogStore } from '../call-log-store.js';
import * as rows from './rows.js';
import type { Db } from './tables.js';

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

const callLog = (row: rows.Row): CallLogRecord => ({
  id: rows.text(row.id),
  organizationId: rows.text(row.organization_id),
  kind: rows.text(row.kind) as CallLogKind,
  tenantId: rows.nullableText(row.tenant_id),
  connectionId: rows.nullableText(row.connection_id),
  connectorId: rows.nullableText(row.connector_id),
  connectorSlug: rows.nullableText(row.connector_slug),
  operation: rows.nullableText(row.operation),
  method: rows.nullableText(row.method),
  host: rows.nullableText(row.host),
  path: rows.nullableText(row.path),
  status: numberOrNull(row.status),
  durationMs: Number(row.duration_ms),
  errorCode: rows.nullableText(row.error_code),
  requestId: rows.nullableText(row.request_id),
  createdAt: rows.text(row.created_at),
});

/** The HTTP statuses of a status class, as a half-open range. */
const STATUS_RANGES = { '2xx': [200, 300], '3xx': [300, 400], '4xx': [400, 500], '5xx': [500, 600] } as const;

/** The {@link CallLogStore} queries over one database handle. */
export function callLogQueries(db: Db): CallLogStore {
  return {
    async insertCallLogs(records) {
      if (records.length === 0) return;
      await db
        .insertInto('call_logs')
        .values(
          records.map((r) => ({
            id: r.id,
            organization_id: r.organizationId,
            kind: r.kind,
            tenant_id: r.tenantId,
            connection_id: r.connectionId,
            connector_id: r.connectorId,
            connector_slug: r.connectorSlug,
            operation: r.operation,
            method: r.method,
            host: r.host,
            path: r.path,
            status: r.status,
            duration_ms: r.durationMs,
            error_code: r.errorCode,
            request_id: r.requestId,
            created_at: r.createdAt,
          })),
        )
        .execute();
    },
    async listCallLogs(filter) {
      let query = db.selectFrom('call_logs').selectAll().where('organization_id', '=', filter.organizationId);
      if (filter.tenantId !== undefined) query = query.where('tenant_id', '=', filter.tenantId);
      if (filter.connectorId !== undefined) query = query.where('connector_id', '=', filter.connectorId);
      if (filter.connectionId !== undefined) query = query.where('connection_id', '=', filter.connectionId);
      if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
      if (filter.status === 'error') query = query.where('error_code', 'is not', null);
      else if (filter.status !== undefined) {
        const [from, to] = STATUS_RANGES[filter.status];
        query = query.where('status', '>=', from).where('status', '<', to);
      }
      if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since);
      if (filter.until !== undefined) query = query.where('created_at', '<', filter.until);
      if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor);
      return (await query.orderBy('id', 'desc').limit(filter.limit).execute()).map(callLog);
    },
    async deliveryBacklog() {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => [eb.fn.countAll().as('pending'), eb.fn.min('created_at').as('oldest')])
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return { pending: Number(row?.pending ?? 0), oldestCreatedAt: rows.nullableText(row?.oldest) };
    },
  };
}
