import type { Migration } from '../sql/migrator.js';
import { scaleMigration } from './scale-migration.js';
import { variablesMigration } from './variables-migration.js';

// Text compares byte by byte ("C"), as SQLite's does: ids order and page the same on both engines, whatever
// the database's default collation.
const T = 'TEXT COLLATE "C"';

/**
 * The Postgres schema. Postgres support arrived with SQLite's version 12, so its first migration is that
 * whole schema at once; versions after 12 come in pairs, one per engine, with the same number.
 */
export const migrations: ReadonlyArray<Migration> = [
  {
    version: 12,
    name: 'initial Postgres schema (SQLite versions 1 to 12)',
    sql: `
      CREATE TABLE organizations (
        id ${T} PRIMARY KEY,
        name ${T} NOT NULL,
        allowed_origins JSONB NOT NULL DEFAULT '[]',
        created_at ${T} NOT NULL
      );
      CREATE TABLE members (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email ${T} NOT NULL,
        name ${T} NOT NULL,
        external_id ${T},
        created_at ${T} NOT NULL,
        password_hash ${T},
        UNIQUE (organization_id, email)
      );
      CREATE TABLE console_sessions (
        id ${T} PRIMARY KEY,
        token_hash ${T} NOT NULL UNIQUE,
        csrf_token ${T} NOT NULL,
        member_id ${T} NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        expires_at ${T} NOT NULL,
        created_at ${T} NOT NULL
      );
      CREATE INDEX console_sessions_by_member ON console_sessions (member_id);
      CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
      CREATE TABLE api_keys (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name ${T} NOT NULL,
        prefix ${T} NOT NULL,
        hash ${T} NOT NULL UNIQUE,
        created_at ${T} NOT NULL,
        last_used_at ${T}
      );
      CREATE TABLE connectors (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        slug ${T} NOT NULL,
        name ${T} NOT NULL,
        description ${T} NOT NULL,
        domain ${T},
        visibility ${T} NOT NULL CHECK (visibility IN ('private', 'public')),
        icon_url ${T},
        auth_methods JSONB NOT NULL,
        created_by ${T} NOT NULL REFERENCES members(id),
        created_at ${T} NOT NULL,
        updated_at ${T} NOT NULL,
        api_base_url ${T},
        actions JSONB NOT NULL DEFAULT '[]',
        UNIQUE (organization_id, slug)
      );
      CREATE TABLE action_tests (
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        connector_id ${T} NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        action_key ${T} NOT NULL,
        passed INTEGER NOT NULL,
        status INTEGER NOT NULL,
        latency_ms DOUBLE PRECISION NOT NULL,
        at ${T} NOT NULL,
        PRIMARY KEY (organization_id, connector_id, action_key)
      );
      CREATE TABLE tenants (
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        id ${T} NOT NULL,
        created_at ${T} NOT NULL,
        PRIMARY KEY (organization_id, id)
      );
      CREATE TABLE connect_sessions (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id ${T} NOT NULL,
        end_user_id ${T} NOT NULL,
        end_user_name ${T},
        token_hash ${T} NOT NULL UNIQUE,
        allowed_connectors JSONB,
        allowed_origins JSONB,
        expires_at ${T} NOT NULL,
        created_at ${T} NOT NULL,
        member_id ${T}
      );
      CREATE INDEX connect_sessions_by_expiry ON connect_sessions (expires_at);
      CREATE TABLE connections (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id ${T} NOT NULL,
        connector_id ${T} NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        auth_method_id ${T} NOT NULL,
        auth_kind ${T} NOT NULL,
        label ${T} NOT NULL,
        status ${T} NOT NULL CHECK (status IN ('active', 'needs_reauth', 'error', 'revoked')),
        created_by ${T} NOT NULL,
        created_at ${T} NOT NULL,
        updated_at ${T} NOT NULL,
        last_used_at ${T},
        token_expires_at ${T}
      );
      CREATE INDEX connections_by_tenant ON connections (organization_id, tenant_id, id);
      CREATE INDEX connections_by_connector ON connections (connector_id, id);
      CREATE INDEX connections_by_token_expiry ON connections (token_expires_at) WHERE token_expires_at IS NOT NULL;
      CREATE TABLE credentials (
        connection_id ${T} PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        key_id ${T} NOT NULL,
        nonce BYTEA NOT NULL,
        ciphertext BYTEA NOT NULL
      );
      CREATE TABLE refresh_locks (
        connection_id ${T} PRIMARY KEY,
        holder ${T} NOT NULL,
        expires_at ${T} NOT NULL
      );
      CREATE TABLE connector_secrets (
        connector_id ${T} NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        auth_method_id ${T} NOT NULL,
        key_id ${T} NOT NULL,
        nonce BYTEA NOT NULL,
        ciphertext BYTEA NOT NULL,
        PRIMARY KEY (connector_id, auth_method_id)
      );
      CREATE TABLE oauth_flows (
        id ${T} PRIMARY KEY,
        state_hash ${T} NOT NULL UNIQUE,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id ${T} NOT NULL,
        end_user_id ${T} NOT NULL,
        connector_id ${T} NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        auth_method_id ${T} NOT NULL,
        code_verifier ${T},
        redirect_uri ${T} NOT NULL,
        return_origin ${T},
        label ${T},
        status ${T} NOT NULL CHECK (status IN ('pending', 'connected', 'failed')),
        connection_id ${T},
        error_code ${T},
        error_message ${T},
        expires_at ${T} NOT NULL,
        created_at ${T} NOT NULL,
        consumed_at ${T},
        return_to ${T},
        reconnect_connection_id ${T}
      );
      CREATE INDEX oauth_flows_by_expiry ON oauth_flows (expires_at);
      CREATE TABLE oauth_apps (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        provider ${T} NOT NULL,
        client_id ${T} NOT NULL,
        default_scopes JSONB NOT NULL,
        key_id ${T} NOT NULL,
        nonce BYTEA NOT NULL,
        ciphertext BYTEA NOT NULL,
        created_at ${T} NOT NULL,
        updated_at ${T} NOT NULL
      );
      CREATE TABLE connector_events (
        connector_id ${T} PRIMARY KEY REFERENCES connectors(id) ON DELETE CASCADE,
        definitions JSONB NOT NULL
      );
      CREATE TABLE webhook_endpoints (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        url ${T} NOT NULL,
        description ${T} NOT NULL,
        event_types JSONB,
        key_id ${T} NOT NULL,
        nonce BYTEA NOT NULL,
        ciphertext BYTEA NOT NULL,
        created_at ${T} NOT NULL
      );
      CREATE INDEX webhook_endpoints_by_org ON webhook_endpoints (organization_id, id);
      CREATE TABLE events (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        type ${T} NOT NULL,
        body TEXT NOT NULL,
        created_at ${T} NOT NULL
      );
      CREATE INDEX events_by_age ON events (created_at);
      CREATE TABLE deliveries (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        endpoint_id ${T} NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id ${T} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        type ${T} NOT NULL,
        status ${T} NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL,
        last_status INTEGER,
        last_error TEXT,
        next_attempt_at ${T},
        created_at ${T} NOT NULL,
        delivered_at ${T}
      );
      CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
      CREATE INDEX deliveries_by_org ON deliveries (organization_id, id);
      CREATE INDEX deliveries_by_age ON deliveries (created_at);
      CREATE INDEX deliveries_by_event ON deliveries (event_id);
      CREATE TABLE inbound_endpoints (
        connection_id ${T} PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        token_hash ${T} NOT NULL UNIQUE,
        key_id ${T} NOT NULL,
        nonce BYTEA NOT NULL,
        ciphertext BYTEA NOT NULL,
        created_at ${T} NOT NULL
      );
      CREATE TABLE inbound_deliveries (
        connection_id ${T} NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        delivery_id ${T} NOT NULL,
        received_at ${T} NOT NULL,
        PRIMARY KEY (connection_id, delivery_id)
      );
      CREATE INDEX inbound_deliveries_by_age ON inbound_deliveries (received_at);
      CREATE TABLE polling_state (
        connection_id ${T} NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        event_key ${T} NOT NULL,
        seen_ids JSONB NOT NULL,
        next_run_at ${T} NOT NULL,
        PRIMARY KEY (connection_id, event_key)
      );
      CREATE TABLE agent_runs (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        member_id ${T},
        status ${T} NOT NULL,
        run JSONB NOT NULL,
        connection_id ${T},
        servers JSONB NOT NULL
      );
      CREATE INDEX agent_runs_by_org ON agent_runs (organization_id, id);
      CREATE INDEX agent_runs_by_status ON agent_runs (status);
      CREATE TABLE agent_log (
        run_id ${T} NOT NULL REFERENCES agent_runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        entry JSONB NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
      CREATE TABLE rate_limits (
        key ${T} PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        updated_ms DOUBLE PRECISION NOT NULL,
        full_ms DOUBLE PRECISION NOT NULL
      );
      CREATE INDEX rate_limits_by_full ON rate_limits (full_ms);
    `,
  },
  {
    version: 13,
    name: 'MCP tokens, hash only',
    sql: `
      CREATE TABLE mcp_tokens (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id ${T} NOT NULL,
        end_user_id ${T} NOT NULL,
        end_user_name ${T},
        token_hash ${T} NOT NULL UNIQUE,
        prefix ${T} NOT NULL,
        connector_ids JSONB,
        tools JSONB,
        expires_at ${T} NOT NULL,
        created_at ${T} NOT NULL
      );
      CREATE INDEX mcp_tokens_by_org ON mcp_tokens (organization_id, expires_at);
    `,
  },
  {
    version: 14,
    name: 'connect links: hosted connect pages the vendor hands its end users',
    sql: `
      CREATE TABLE connect_links (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tenant_id ${T} NOT NULL,
        end_user_id ${T} NOT NULL,
        end_user_name ${T},
        token_hash ${T} NOT NULL UNIQUE,
        connectors JSONB,
        return_url ${T},
        opens INTEGER NOT NULL DEFAULT 0,
        expires_at ${T} NOT NULL,
        revoked_at ${T},
        created_at ${T} NOT NULL
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
      ALTER TABLE agent_runs ADD COLUMN owner ${T};
      ALTER TABLE agent_runs ADD COLUMN lease_until ${T};
      ALTER TABLE agent_runs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE agent_runs ADD COLUMN log_seq INTEGER NOT NULL DEFAULT 0;
      UPDATE agent_runs SET log_seq = (SELECT COALESCE(MAX(seq), 0) FROM agent_log WHERE agent_log.run_id = agent_runs.id);
      CREATE INDEX agent_runs_by_lease ON agent_runs (status, lease_until);
    `,
  },
  scaleMigration,
  variablesMigration,
  {
    version: 19,
    name: 'per-tenant call logs: one row per upstream call, kept for the retention window',
    sql: `
      CREATE TABLE call_logs (
        id ${T} PRIMARY KEY,
        organization_id ${T} NOT NULL,
        kind ${T} NOT NULL,
        tenant_id ${T},
        connection_id ${T},
        connector_id ${T},
        connector_slug ${T},
        operation ${T},
        method ${T},
        host ${T},
        path ${T},
        status INTEGER,
        duration_ms INTEGER NOT NULL,
        error_code ${T},
        request_id ${T},
        created_at ${T} NOT NULL
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
      ALTER TABLE credentials ADD COLUMN masked ${T};
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
