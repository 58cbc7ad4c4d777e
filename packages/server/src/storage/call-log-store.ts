import type { CallLogKind, CallLogStatusClass } from '@plugboard/shared';

/** One upstream call as the call log stores it: where it went and how it ended, never query values or bodies. */
export interface CallLogRecord {
  /** Time-ordered (see `newId`): the log pages by it, newest first. */
  id: string;
  organizationId: string;
  kind: CallLogKind;
  tenantId: string | null;
  connectionId: string | null;
  connectorId: string | null;
  connectorSlug: string | null;
  operation: string | null;
  method: string | null;
  host: string | null;
  path: string | null;
  status: number | null;
  durationMs: number;
  errorCode: string | null;
  requestId: string | null;
  createdAt: string;
}

/** Filters of {@link CallLogStore.listCallLogs}; every one given must match. */
export interface CallLogFilter {
  organizationId: string;
  tenantId?: string | undefined;
  connectorId?: string | undefined;
  connectionId?: string | undefined;
  kind?: CallLogKind | undefined;
  status?: CallLogStatusClass | undefined;
  /** Calls at or after this ISO time. */
  since?: string | undefined;
  /** Calls before this ISO time. */
  until?: string | undefined;
  /** The id of the last entry of the previous page: entries older than it. */
  cursor?: string | undefined;
  limit: number;
}

/** The per-tenant call logs. */
export interface CallLogStore {
  /** Writes a batch of entries in one statement. */
  insertCallLogs(records: readonly CallLogRecord[]): Promise<void>;
  /** An organization's entries matching the filter, newest first. */
  listCallLogs(filter: CallLogFilter): Promise<CallLogRecord[]>;
  /**
   * The deliveries still pending, of every organization, and when the oldest of them was created: what
   * `/metrics` reports as the delivery queue, read from the database so that every replica reports the same.
   */
  deliveryBacklog(): Promise<{ pending: number; oldestCreatedAt: string | null }>;
}
