import { scaleMigration } from './scale-migration.js';
import { variablesMigration } from './variables-migration.js';

/** Versioned schema changes, applied in order once each; never edit one that has shipped. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        allowed_origins TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
      );
      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        external_id TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (organization_id, email)
      );
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      );
      CREATE TABLE connectors (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        slug TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        domain TEXT,
        visibility TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
        icon_url TEXT,
        auth_methods TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES members(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (organization_id, slug)
      );
      CREATE TABLE tenants (
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (organization_id, id)
      );
      CREATE TABLE connect_sessions (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        end_user_id TEXT NOT NULL,
        end_user_name TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        allowed_connectors TEXT,
        allowed_origins TEXT,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        auth_method_id TEXT NOT NULL,
        auth_kind TEXT NOT NULL,
        label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'needs_reauth', 'error', 'revoked')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_used_at TEXT
      );
      CREATE INDEX connections_by_tenant ON connections (organization_id, tenant_id, id);
      CREATE TABLE credentials (
        connection_id TEXT PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        key_id TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'oauth client secrets and authorization flows',
    sql: `
      CREATE TABLE connector_secrets (
        connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        auth_method_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        PRIMARY KEY (connector_id, auth_method_id)
      );
      CREATE TABLE oauth_flows (
        id TEXT PRIMARY KEY,
        state_hash TEXT NOT NULL UNIQUE,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        end_user_id TEXT NOT NULL,
        connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        auth_method_id TEXT NOT NULL,
        code_verifier TEXT,
        redirect_uri TEXT NOT NULL,
        return_origin TEXT,
        label TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'connected', 'failed')),
        connection_id TEXT,
        error_code TEXT,
        error_message TEXT,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        consumed_at TEXT
      );
    `,
  },
  {
    version: 3,
    name: 'token expiry on connections and refresh locks',
    sql: `
      ALTER TABLE connections ADD COLUMN token_expires_at TEXT;
      CREATE INDEX connections_by_token_expiry ON connections (token_expires_at) WHERE token_expires_at IS NOT NULL;
      CREATE TABLE refresh_locks (
        connection_id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'return URL of redirect-mode OAuth flows',
    sql: 'ALTER TABLE oauth_flows ADD COLUMN return_to TEXT;',
  },
  {
    version: 5,
    name: 'reconnecting OAuth flows',
    sql: 'ALTER TABLE oauth_flows ADD COLUMN reconnect_connection_id TEXT;',
  },
  {
    version: 6,
    name: 'managed oauth apps',
    sql: `
      CREATE TABLE oauth_apps (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        client_id TEXT NOT NULL,
        default_scopes TEXT NOT NULL,
        key_id TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'console sign-in: member passwords, console sessions, test sessions of members',
    sql: `
      ALTER TABLE members ADD COLUMN password_hash TEXT;
      CREATE TABLE console_sessions (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        csrf_token TEXT NOT NULL,
        member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX console_sessions_by_member ON console_sessions (member_id);
      ALTER TABLE connect_sessions ADD COLUMN member_id TEXT;
    `,
  },
  {
    version: 8,
    name: 'connector actions: API base URL, action definitions, last test of each action per organization',
    sql: `
      ALTER TABLE connectors ADD COLUMN api_base_url TEXT;
      ALTER TABLE connectors ADD COLUMN actions TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE action_tests (
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        action_key TEXT NOT NULL,
        passed INTEGER NOT NULL,
        status INTEGER NOT NULL,
        latency_ms REAL NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (organization_id, connector_id, action_key)
      );
    `,
  },
  {
    version: 9,
    name: 'events: connector event definitions, webhook endpoints, the event outbox, inbound URLs',
    sql: `
      CREATE TABLE connector_events (
        connector_id TEXT PRIMARY KEY REFERENCES connectors(id) ON DELETE CASCADE,
        definitions TEXT NOT NULL
      );
      CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        description TEXT NOT NULL,
        event_types TEXT,
        key_id TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX webhook_endpoints_by_org ON webhook_endpoints (organization_id, id);
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL,
        last_status INTEGER,
        last_error TEXT,
        next_attempt_at TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT
      );
      CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
      CREATE INDEX deliveries_by_org ON deliveries (organization_id, id);
      CREATE TABLE inbound_endpoints (
        connection_id TEXT PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        key_id TEXT NOT NULL,
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: 'polling events: what each connection has seen of each polled event, and when it runs next',
    sql: `
      CREATE TABLE polling_state (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        event_key TEXT NOT NULL,
        seen_ids TEXT NOT NULL,
        next_run_at TEXT NOT NULL,
        PRIMARY KEY (connection_id, event_key)
      );
    `,
  },
  {
    version: 11,
    name: 'connector agent runs and their logs',
    sql: `
      CREATE TABLE agent_runs (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        member_id TEXT,
        status TEXT NOT NULL,
        run TEXT NOT NULL,
        connection_id TEXT,
        servers TEXT NOT NULL
      );
      CREATE INDEX agent_runs_by_org ON agent_runs (organization_id, id);
      CREATE INDEX agent_runs_by_status ON agent_runs (status);
      CREATE TABLE agent_log (
        run_id TEXT NOT NULL REFERENCES agent_runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        entry TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
    `,
  },
  {
    version: 12,
    name: 'rate limits shared by replicas, inbound delivery ids for duplicates, indexes for the retention job',
    sql: `
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        updated_ms DOUBLE PRECISION NOT NULL,
        full_ms DOUBLE PRECISION NOT NULL
      );
      CREATE INDEX rate_limits_by_full ON rate_limits (full_ms);
      CREATE TABLE inbound_deliveries (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        delivery_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (connection_id, delivery_id)
      );
      CREATE INDEX inbound_deliveries_by_age ON inbound_deliveries (received_at);
      CREATE INDEX connect_sessions_by_expiry ON connect_sessions (expires_at);
      CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
      CREATE INDEX oauth_flows_by_expiry ON oauth_flows (expires_at);
      CREATE INDEX events_by_age ON events (created_at);
      CREATE INDEX deliveries_by_age ON deliveries (created_at);
      CREATE INDEX deliveries_by_event ON deliveries (event_id);
    `,
  },
  {
    version: 13,
    name: 'MCP tokens, hash only',
    sql: `
      CREATE TABLE mcp_tokens (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        end_user_id TEXT NOT NULL,
        end_user_name TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        connector_ids TEXT,
        tools TEXT,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX mcp_tokens_by_org ON mcp_tokens (organization_id, expires_at);
    `,
  },
  {
    version: 14,
    name: 'connect links: hosted connect pages the vendor hands its end users',
    sql: `
      CREATE TABLE connect_links (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id TEXT NOT NULL,
        end_user_id TEXT NOT NULL,
        end_user_name TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        connectors TEXT,
        return_url TEXT,
        opens INTEGER NOT NULL DEFAULT 0,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX connect_links_by_org ON connect_links (organization_id, id);
    `,
  },
  {
    version: 15,
    name: 'expiry indexes on MCP tokens and connect links for the retention job',
    sql: `
      CREATE INDEX mcp_tokens_by_expiry ON mcp_tokens (expires_at);
      CREATE INDEX connect_links_by_expiry ON connect_links (expires_at);
    `,
  },
  {
    version: 16,
    name: 'agent runs: an owner with a lease, a revision for conditional updates, the log sequence in the row',
    sql: `
      ALTER TABLE agent_runs ADD COLUMN owner TEXT;
      ALTER TABLE agent_runs ADD COLUMN lease_until TEXT;
      ALTER TABLE agent_runs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE agent_runs ADD COLUMN log_seq INTEGER NOT NULL DEFAULT 0;
      UPDATE agent_runs SET log_seq = (SELECT COALESCE(MAX(seq), 0) FROM agent_log WHERE agent_log.run_id = agent_runs.id);
      CREATE INDEX agent_runs_by_lease ON agent_runs (status, lease_until);
      CREATE TRIGGER agent_log_seq AFTER INSERT ON agent_log BEGIN
        UPDATE agent_runs SET log_seq = NEW.seq WHERE id = NEW.run_id AND log_seq < NEW.seq;
      END;
    `,
  },
  scaleMigration,
  variablesMigration,
  {
    version: 19,
    name: 'per-tenant call logs: one row per upstream call, kept for the retention window',
    sql: `
      CREATE TABLE call_logs (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        tenant_id TEXT,
        connection_id TEXT,
        connector_id TEXT,
        connector_slug TEXT,
        operation TEXT,
        method TEXT,
        host TEXT,
        path TEXT,
        status INTEGER,
        duration_ms INTEGER NOT NULL,
        error_code TEXT,
        request_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX call_logs_by_org ON call_logs (organization_id, id);
      CREATE INDEX call_logs_by_tenant ON call_logs (organization_id, tenant_id, id);
      CREATE INDEX call_logs_by_connection ON call_logs (organization_id, connection_id, id);
      CREATE INDEX call_logs_by_connector ON call_logs (organization_id, connector_id, id);
      CREATE INDEX call_logs_by_age ON call_logs (created_at);
    `,
  },
  {
    version: 20,
    name: 'listings: a revision on each connector, bumped by every update; the mask of each credential, written with it',
    sql: `
      ALTER TABLE connectors ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE credentials ADD COLUMN masked TEXT;
    `,
  },
  {
    version: 21,
    name: 'listings: a connectors revision on each organization, bumped with every change to what its cards show',
    sql: `
      ALTER TABLE organizations ADD COLUMN connectors_revision INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
