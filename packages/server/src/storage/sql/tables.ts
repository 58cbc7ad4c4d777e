// The schema as Kysely sees it, common to both engines. Timestamps are ISO 8601 text on both (see
// docs/server.md): records carry them as strings, ISO text orders and compares correctly, and existing SQLite
// files need no rewrite. JSON columns are jsonb on Postgres and text on SQLite: written as JSON text on both,
// read back through `json()` in rows.ts, which accepts either form.
import type { ColumnType, Kysely } from 'kysely';

/** A JSON column: read as parsed JSON (Postgres) or JSON text (SQLite), written as JSON text. */
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;
/** Bytes: a Buffer on Postgres, an ArrayBuffer from libsql. */
type Bytes = ColumnType<Uint8Array | ArrayBuffer, Uint8Array, Uint8Array>;
/** Counts and integers may come back as strings (Postgres bigint) or bigints. */
type Count = ColumnType<number | string | bigint, number, number>;
type Text = string;
type Nullable = string | null;

interface Sealed {
  key_id: Text;
  nonce: Bytes;
  ciphertext: Bytes;
}

export interface Tables {
  schema_migrations: { version: Count; name: Text; applied_at: Text };
  organizations: {
    id: Text;
    name: Text;
    allowed_origins: Json;
    created_at: Text;
    /** Bumped with every change to what its cards show (migration 21): a listing built at it holds while it does. */
    connectors_revision: ColumnType<number | string | bigint, number | undefined, number>;
  };
  members: {
    id: Text;
    organization_id: Text;
    email: Text;
    name: Text;
    external_id: Nullable;
    created_at: Text;
    password_hash: ColumnType<Nullable, Nullable | undefined, Nullable>;
  };
  console_sessions: {
    id: Text;
    token_hash: Text;
    csrf_token: Text;
    member_id: Text;
    organization_id: Text;
    expires_at: Text;
    created_at: Text;
  };
  api_keys: {
    id: Text;
    organization_id: Text;
    name: Text;
    prefix: Text;
    hash: Text;
    created_at: Text;
    last_used_at: Nullable;
  };
  connectors: {
    id: Text;
    organization_id: Text;
    slug: Text;
    name: Text;
    description: Text;
    domain: Nullable;
    visibility: Text;
    icon_url: Nullable;
    auth_methods: Json;
    created_by: Text;
    created_at: Text;
    updated_at: Text;
    api_base_url: Nullable;
    actions: Json;
    variables: ColumnType<unknown, string | undefined, string>;
    /** Bumped by every update (migration 20): what was built from the row holds while it does. */
    revision: ColumnType<number | string | bigint, number | undefined, number>;
  };
  action_tests: {
    organization_id: Text;
    connector_id: Text;
    action_key: Text;
    passed: Count;
    status: Count;
    latency_ms: Count;
    at: Text;
  };
  tenants: { organization_id: Text; id: Text; created_at: Text };
  connect_sessions: {
    id: Text;
    organization_id: Text;
    tenant_id: Text;
    end_user_id: Text;
    end_user_name: Nullable;
    token_hash: Text;
    allowed_connectors: NullableJson;
    allowed_origins: NullableJson;
    expires_at: Text;
    created_at: Text;
    member_id: Nullable;
  };
  connections: {
    id: Text;
    organization_id: Text;
    tenant_id: Text;
    connector_id: Text;
    auth_method_id: Text;
    auth_kind: Text;
    label: Text;
    status: Text;
    created_by: Text;
    created_at: Text;
    updated_at: Text;
    last_used_at: Nullable;
    token_expires_at: Nullable;
    variables: ColumnType<unknown, string | undefined, string>;
  };
  /** Kept by triggers on `connections` (migration 17): what the connectors list shows without counting rows. */
  connector_connection_counts: { organization_id: Text; connector_id: Text; connections: Count };
  tenant_connection_counts: { organization_id: Text; tenant_id: Text; connector_id: Text; connections: Count };
  /** `masked`: what admin views show of the credentials (migration 20), written with them; null before it. */
  credentials: Sealed & { connection_id: Text; masked: ColumnType<Nullable, Nullable | undefined, Nullable> };
  refresh_locks: { connection_id: Text; holder: Text; expires_at: Text };
  connector_secrets: Sealed & { connector_id: Text; auth_method_id: Text };
  oauth_flows: {
    id: Text;
    state_hash: Text;
    organization_id: Text;
    tenant_id: Text;
    end_user_id: Text;
    connector_id: Text;
    auth_method_id: Text;
    code_verifier: Nullable;
    redirect_uri: Text;
    return_origin: Nullable;
    return_to: Nullable;
    reconnect_connection_id: Nullable;
    label: Nullable;
    status: Text;
    connection_id: Nullable;
    error_code: Nullable;
    error_message: Nullable;
    expires_at: Text;
    created_at: Text;
    consumed_at: Nullable;
    variables: ColumnType<unknown, string | undefined, string>;
  };
  oauth_apps: Sealed & {
    id: Text;
    organization_id: Text;
    provider: Text;
    client_id: Text;
    default_scopes: Json;
    created_at: Text;
    updated_at: Text;
  };
  connector_events: { connector_id: Text; definitions: Json };
  webhook_endpoints: Sealed & {
    id: Text;
    organization_id: Text;
    url: Text;
    description: Text;
    event_types: NullableJson;
    created_at: Text;
  };
  events: { id: Text; organization_id: Text; type: Text; body: Text; created_at: Text };
  deliveries: {
    id: Text;
    organization_id: Text;
    endpoint_id: Text;
    event_id: Text;
    type: Text;
    status: Text;
    attempts: Count;
    last_status: ColumnType<number | string | null, number | null, number | null>;
    last_error: Nullable;
    next_attempt_at: Nullable;
    created_at: Text;
    delivered_at: Nullable;
  };
  inbound_endpoints: Sealed & { connection_id: Text; token_hash: Text; created_at: Text };
  inbound_deliveries: { connection_id: Text; delivery_id: Text; received_at: Text };
  polling_state: { connection_id: Text; event_key: Text; seen_ids: Json; next_run_at: Text };
  agent_runs: {
    id: Text;
    organization_id: Text;
    member_id: Nullable;
    status: Text;
    run: Json;
    connection_id: Nullable;
    servers: Json;
    owner: Nullable;
    lease_until: Nullable;
    revision: Count;
    log_seq: Count;
  };
  agent_log: { run_id: Text; seq: Count; entry: Json };
  rate_limits: { key: Text; tokens: Count; updated_ms: Count; full_ms: Count };
  mcp_tokens: {
    id: Text;
    organization_id: Text;
    tenant_id: Text;
    end_user_id: Text;
    end_user_name: Nullable;
    token_hash: Text;
    prefix: Text;
    connector_ids: NullableJson;
    tools: NullableJson;
    expires_at: Text;
    created_at: Text;
  };
  connect_links: {
    id: Text;
    organization_id: Text;
    tenant_id: Text;
    end_user_id: Text;
    end_user_name: Nullable;
    token_hash: Text;
    connectors: NullableJson;
    return_url: Nullable;
    opens: Count;
    expires_at: Text;
    revoked_at: Nullable;
    created_at: Text;
  };
  call_logs: {
    id: Text;
    organization_id: Text;
    kind: Text;
    tenant_id: Nullable;
    connection_id: Nullable;
    connector_id: Nullable;
    connector_slug: Nullable;
    operation: Nullable;
    method: Nullable;
    host: Nullable;
    path: Nullable;
    status: ColumnType<number | string | bigint | null, number | null, number | null>;
    duration_ms: Count;
    error_code: Nullable;
    request_id: Nullable;
    created_at: Text;
  };
}

/** The database handle every query module takes: the pool or a transaction on it. */
export type Db = Kysely<Tables>;
