import type { ConnectionRecord, ConnectorRecord, CredentialRecord } from './records.js';

/** A connection with its encrypted credentials and its connector: everything a call to its API needs to read. */
export interface CallTargetRecord {
  connection: ConnectionRecord;
  /** None for a connection that has no credentials. */
  credentials: CredentialRecord | undefined;
  /** None when the connector is gone. */
  connector: ConnectorRecord | undefined;
}

/** The one read of a call to a connection's API (an action run, either proxy, an MCP tool call). */
export interface CallTargetStore {
  /**
   * A connection with its credentials and connector, in one query: on PostgreSQL one round trip where reading
   * the connection, its connector and its credentials apart took three.
   */
  getCallTarget(connectionId: string): Promise<CallTargetRecord | undefined>;
}
