import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import type { SealedCredentials } from '../../crypto/credential-cipher.js';
import type {
  ActionTestRecord,
  AgentStore,
  ApiKeyRecord,
  ConnectionFilter,
  ConnectionRecord,
  ConnectLinkStore,
  ConnectorRecord,
  ConnectorScope,
  ConnectorSecretRecord,
  ConsoleSessionRecord,
  CredentialRecord,
  EventStore,
  McpTokenStore,
  MemberRecord,
  OAuthAppRecord,
  OAuthFlowRecord,
  OrganizationRecord,
  RateLimitStore,
  SealedKind,
  SealedRecord,
  SessionRecord,
  Store,
  TenantRecord,
} from '../store.js';
import { SqliteAgentTables } from './agent-tables.js';
import { SqliteConnectLinkTables } from './connect-link-tables.js';
import { SqliteEventTables } from './event-tables.js';
import { SqliteMcpTokenTables } from './mcp-token-tables.js';
import { migrations } from './migrations.js';
import * as rows from './rows.js';
import { SqliteUpkeepTables } from './upkeep-tables.js';

const actionColumns = (c: ConnectorRecord) => [c.apiBaseUrl, JSON.stringify(c.actions)] as const;

type Row = Record<string, unknown>;
type Page = { limit: number; cursor?: string | undefined };

/** Where each kind of sealed secret lives, with the ids its ciphertext is bound to. */
const SEALED_SQL: Record<SealedKind, { select: string; id: string; table: string; match: string }> = {
  credentials: {
    select: `SELECT s.*, s.connection_id AS id, o.organization_id, o.tenant_id
             FROM credentials s JOIN connections o ON o.id = s.connection_id`,
    id: 's.connection_id',
    table: 'credentials',
    match: 'connection_id = ?',
  },
  'connector-secret': {
    select: `SELECT s.*, s.connector_id || '/' || s.auth_method_id AS id, o.organization_id
             FROM connector_secrets s JOIN connectors o ON o.id = s.connector_id`,
    id: "s.connector_id || '/' || s.auth_method_id",
    table: 'connector_secrets',
    match: 'connector_id = ? AND auth_method_id = ?',
  },
  'oauth-app-secret': {
    select: 'SELECT s.* FROM oauth_apps s',
    id: 's.id',
    table: 'oauth_apps',
    match: 'id = ?',
  },
  'webhook-endpoint-secret': {
    select: 'SELECT s.* FROM webhook_endpoints s',
    id: 's.id',
    table: 'webhook_endpoints',
    match: 'id = ?',
  },
  'inbound-secrets': {
    select: `SELECT s.*, s.connection_id AS id, o.organization_id, o.tenant_id
             FROM inbound_endpoints s JOIN connections o ON o.id = s.connection_id`,
    id: 's.connection_id',
    table: 'inbound_endpoints',
    match: 'connection_id = ?',
  },
};

/** The embedded default store: one SQLite file (WAL mode), migrated on open. */
export class SqliteStore implements Store {
  private readonly events: SqliteEventTables;
  private readonly agent: SqliteAgentTables;
  private readonly upkeep: SqliteUpkeepTables;
  private readonly links: SqliteConnectLinkTables;
  private readonly mcpTokens: SqliteMcpTokenTables;

  private constructor(private readonly db: Database.Database) {
    this.events = new SqliteEventTables(db);
    this.agent = new SqliteAgentTables(db);
    this.upkeep = new SqliteUpkeepTables(db);
    this.links = new SqliteConnectLinkTables(db);
    this.mcpTokens = new SqliteMcpTokenTables(db);
  }

  /** Opens (creating when needed) and migrates the database at a path or `file:` URL. */
  static async open(url: string): Promise<SqliteStore> {
    const path = url.startsWith('file://') ? fileURLToPath(url) : url.replace(/^file:/, '');
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
    const db = new Database(path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    const store = new SqliteStore(db);
    store.migrate();
    return store;
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)',
    );
    const applied = new Set(this.all('SELECT version FROM schema_migrations').map((row) => row.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.run(
          'INSERT INTO schema_migrations VALUES (?, ?, ?)',
          migration.version,
          migration.name,
          new Date().toISOString(),
        );
      })();
    }
  }

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.db.prepare(sql).run(...params).changes;
  }

  async createOrganization(org: OrganizationRecord) {
    this.run(
      'INSERT INTO organizations VALUES (?, ?, ?, ?)',
      org.id,
      org.name,
      JSON.stringify(org.allowedOrigins),
      org.createdAt,
    );
  }

  async getOrganization(id: string) {
    return rows.organization(this.get('SELECT * FROM organizations WHERE id = ?', id));
  }

  async findOrganizationByName(name: string) {
    return rows.organization(this.get('SELECT * FROM organizations WHERE name = ? ORDER BY id LIMIT 1', name));
  }

  async updateOrganization(org: OrganizationRecord) {
    this.run(
      'UPDATE organizations SET name = ?, allowed_origins = ? WHERE id = ?',
      org.name,
      JSON.stringify(org.allowedOrigins),
      org.id,
    );
  }

  async createMember(m: MemberRecord) {
    this.run(
      'INSERT INTO members (id, organization_id, email, name, external_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      m.id,
      m.organizationId,
      m.email,
      m.name,
      m.externalId,
      m.createdAt,
    );
  }

  async listMembers(organizationId: string) {
    return this.all('SELECT * FROM members WHERE organization_id = ? ORDER BY id', organizationId).map(rows.member);
  }

  async getMember(id: string) {
    const row = this.get('SELECT * FROM members WHERE id = ?', id);
    return row && rows.member(row);
  }

  async setMemberPassword(memberId: string, passwordHash: string | null) {
    return this.run('UPDATE members SET password_hash = ? WHERE id = ?', passwordHash, memberId) > 0;
  }

  async findMemberLogins(email: string) {
    return this.all(
      'SELECT * FROM members WHERE lower(email) = lower(?) AND password_hash IS NOT NULL ORDER BY id',
      email,
    ).map((row) => ({ member: rows.member(row), passwordHash: String(row.password_hash) }));
  }

  async createConsoleSession(s: ConsoleSessionRecord) {
    this.run(
      `INSERT INTO console_sessions (id, token_hash, csrf_token, member_id, organization_id, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ...[s.id, s.tokenHash, s.csrfToken, s.memberId, s.organizationId, s.expiresAt, s.createdAt],
    );
  }

  async findConsoleSessionByHash(hash: string) {
    const row = this.get('SELECT * FROM console_sessions WHERE token_hash = ?', hash);
    return row && rows.consoleSession(row);
  }

  async deleteConsoleSession(id: string) {
    return this.run('DELETE FROM console_sessions WHERE id = ?', id) > 0;
  }

  async deleteConsoleSessionsOfMember(memberId: string) {
    return this.run('DELETE FROM console_sessions WHERE member_id = ?', memberId);
  }

  async createApiKey(k: ApiKeyRecord) {
    this.run(
      'INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?, ?)',
      k.id,
      k.organizationId,
      k.name,
      k.prefix,
      k.hash,
      k.createdAt,
      k.lastUsedAt,
    );
  }

  async findApiKeyByHash(hash: string) {
    const row = this.get('SELECT * FROM api_keys WHERE hash = ?', hash);
    return row && rows.apiKey(row);
  }

  async listApiKeys(organizationId: string) {
    return this.all('SELECT * FROM api_keys WHERE organization_id = ? ORDER BY id', organizationId).map(rows.apiKey);
  }

  async deleteApiKey(organizationId: string, id: string) {
    return this.run('DELETE FROM api_keys WHERE organization_id = ? AND id = ?', organizationId, id) > 0;
  }

  async touchApiKey(id: string, at: string) {
    this.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', at, id);
  }

  async createConnector(c: ConnectorRecord) {
    this.run(
      `INSERT INTO connectors (id, organization_id, slug, name, description, domain, visibility, icon_url,
       auth_methods, created_by, created_at, updated_at, api_base_url, actions)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...[c.id, c.organizationId, c.slug, c.name, c.description, c.domain, c.visibility, c.iconUrl],
      ...[JSON.stringify(c.authMethods), c.createdBy, c.createdAt, c.updatedAt, ...actionColumns(c)],
    );
  }

  async updateConnector(c: ConnectorRecord) {
    this.run(
      `UPDATE connectors SET slug = ?, name = ?, description = ?, domain = ?, visibility = ?, icon_url = ?,
       auth_methods = ?, updated_at = ?, api_base_url = ?, actions = ? WHERE id = ?`,
      ...[c.slug, c.name, c.description, c.domain, c.visibility, c.iconUrl, JSON.stringify(c.authMethods)],
      ...[c.updatedAt, ...actionColumns(c), c.id],
    );
  }

  async deleteConnector(id: string) {
    return this.db.transaction(() => {
      const removed = this.run('DELETE FROM connections WHERE connector_id = ?', id);
      this.run('DELETE FROM connectors WHERE id = ?', id);
      return removed;
    })();
  }

  async getConnector(id: string) {
    const row = this.get('SELECT * FROM connectors WHERE id = ?', id);
    return row && rows.connector(row);
  }

  async findConnectorBySlug(organizationId: string, slug: string) {
    const row = this.get('SELECT * FROM connectors WHERE organization_id = ? AND slug = ?', organizationId, slug);
    return row && rows.connector(row);
  }

  async listConnectors(organizationId: string, scope: ConnectorScope, page: Page = { limit: 10_000 }) {
    const where = {
      own: 'organization_id = ?',
      public: "organization_id <> ? AND visibility = 'public'",
      all: "(organization_id = ? OR visibility = 'public')",
    }[scope];
    return this.all(
      `SELECT * FROM connectors WHERE ${where} AND id > ? ORDER BY id LIMIT ?`,
      organizationId,
      page.cursor ?? '',
      page.limit,
    ).map(rows.connector);
  }

  async putActionTest(t: ActionTestRecord) {
    this.run(
      `INSERT INTO action_tests (organization_id, connector_id, action_key, passed, status, latency_ms, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (organization_id, connector_id, action_key)
       DO UPDATE SET passed = excluded.passed, status = excluded.status, latency_ms = excluded.latency_ms, at = excluded.at`,
      ...[t.organizationId, t.connectorId, t.actionKey, t.passed ? 1 : 0, t.status, t.latencyMs, t.at],
    );
  }

  async listActionTests(organizationId: string, connectorId: string) {
    return this.all(
      'SELECT * FROM action_tests WHERE organization_id = ? AND connector_id = ? ORDER BY action_key',
      organizationId,
      connectorId,
    ).map(rows.actionTest);
  }

  async upsertTenant(organizationId: string, tenantId: string, at: string) {
    this.run('INSERT INTO tenants VALUES (?, ?, ?) ON CONFLICT DO NOTHING', organizationId, tenantId, at);
  }

  async listTenants(organizationId: string, page: Page): Promise<TenantRecord[]> {
    return this.all(
      `SELECT t.*, (SELECT COUNT(*) FROM connections c WHERE c.organization_id = t.organization_id AND c.tenant_id = t.id)
       AS connection_count FROM tenants t WHERE t.organization_id = ? AND t.id > ? ORDER BY t.id LIMIT ?`,
      organizationId,
      page.cursor ?? '',
      page.limit,
    ).map(rows.tenant);
  }

  async createSession(s: SessionRecord) {
    this.run(
      `INSERT INTO connect_sessions (id, organization_id, tenant_id, end_user_id, end_user_name, token_hash,
       allowed_connectors, allowed_origins, expires_at, created_at, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...[s.id, s.organizationId, s.tenantId, s.endUserId, s.endUserName, s.tokenHash],
      ...[rows.jsonOrNull(s.allowedConnectors), rows.jsonOrNull(s.allowedOrigins), s.expiresAt, s.createdAt],
      s.memberId ?? null,
    );
  }

  async findSessionByHash(hash: string) {
    const row = this.get('SELECT * FROM connect_sessions WHERE token_hash = ?', hash);
    return row && rows.session(row);
  }

  async createConnection(c: ConnectionRecord, credentials: CredentialRecord) {
    this.db.transaction(() => {
      this.run(
        'INSERT INTO connections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ...[c.id, c.organizationId, c.tenantId, c.connectorId, c.authMethodId, c.authKind, c.label, c.status],
        ...[c.createdBy, c.createdAt, c.updatedAt, c.lastUsedAt, c.tokenExpiresAt ?? null],
      );
      this.run(
        'INSERT INTO credentials VALUES (?, ?, ?, ?)',
        credentials.connectionId,
        credentials.keyId,
        credentials.nonce,
        credentials.ciphertext,
      );
    })();
  }

  async getConnection(id: string) {
    const row = this.get('SELECT * FROM connections WHERE id = ?', id);
    return row && rows.connection(row);
  }

  async listConnections(filter: ConnectionFilter) {
    const clauses = ['organization_id = ?', 'id > ?'];
    const params: unknown[] = [filter.organizationId, filter.cursor ?? ''];
    for (const [column, value] of [
      ['tenant_id', filter.tenantId],
      ['connector_id', filter.connectorId],
      ['status', filter.status],
    ] as const) {
      if (value === undefined) continue;
      clauses.push(`${column} = ?`);
      params.push(value);
    }
    const sql = `SELECT * FROM connections WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ?`;
    return this.all(sql, ...params, filter.limit).map(rows.connection);
  }

  async countConnections(organizationId: string, tenantId?: string) {
    const counts = this.all(
      `SELECT connector_id, COUNT(*) AS n FROM connections WHERE organization_id = ?
       ${tenantId === undefined ? '' : 'AND tenant_id = ?'} GROUP BY connector_id`,
      organizationId,
      ...(tenantId === undefined ? [] : [tenantId]),
    );
    return new Map(counts.map((row) => [String(row.connector_id), Number(row.n)]));
  }

  async deleteConnection(id: string) {
    return this.run('DELETE FROM connections WHERE id = ?', id) > 0;
  }

  async getCredentials(connectionId: string) {
    const row = this.get('SELECT * FROM credentials WHERE connection_id = ?', connectionId);
    return row && rows.credentials(row);
  }

  async updateCredentials(credentials: CredentialRecord, tokenExpiresAt: string | null, at: string) {
    this.db.transaction(() => {
      this.run(
        'UPDATE credentials SET key_id = ?, nonce = ?, ciphertext = ? WHERE connection_id = ?',
        ...[credentials.keyId, credentials.nonce, credentials.ciphertext, credentials.connectionId],
      );
      this.run(
        'UPDATE connections SET token_expires_at = ?, updated_at = ? WHERE id = ?',
        tokenExpiresAt,
        at,
        credentials.connectionId,
      );
    })();
  }

  async setConnectionStatus(id: string, status: ConnectionRecord['status'], at: string) {
    this.run('UPDATE connections SET status = ?, updated_at = ? WHERE id = ?', status, at, id);
  }

  async listExpiringConnections(before: string, limit: number) {
    return this.all(
      `SELECT * FROM connections WHERE status = 'active' AND token_expires_at IS NOT NULL AND token_expires_at < ?
       ORDER BY token_expires_at LIMIT ?`,
      before,
      limit,
    ).map(rows.connection);
  }

  async tryLockRefresh(connectionId: string, holder: string, until: string, now: string) {
    // One statement: insert the lock, or take it over only when it has lapsed. SQLite serialises writers.
    const changed = this.run(
      `INSERT INTO refresh_locks VALUES (?, ?, ?)
       ON CONFLICT (connection_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE refresh_locks.expires_at <= ?`,
      ...[connectionId, holder, until, now],
    );
    return changed > 0;
  }

  async unlockRefresh(connectionId: string, holder: string) {
    this.run('DELETE FROM refresh_locks WHERE connection_id = ? AND holder = ?', connectionId, holder);
  }

  async putConnectorSecret(r: ConnectorSecretRecord) {
    this.run(
      'INSERT OR REPLACE INTO connector_secrets VALUES (?, ?, ?, ?, ?)',
      ...[r.connectorId, r.authMethodId, r.keyId, r.nonce, r.ciphertext],
    );
  }

  async getConnectorSecret(connectorId: string, authMethodId: string) {
    const row = this.get(
      'SELECT * FROM connector_secrets WHERE connector_id = ? AND auth_method_id = ?',
      connectorId,
      authMethodId,
    );
    return row && rows.connectorSecret(row);
  }

  async pruneConnectorSecrets(connectorId: string, keepAuthMethodIds: string[]) {
    const keep = JSON.stringify(keepAuthMethodIds);
    this.run(
      'DELETE FROM connector_secrets WHERE connector_id = ? AND auth_method_id NOT IN (SELECT value FROM json_each(?))',
      connectorId,
      keep,
    );
  }

  async createOAuthFlow(f: OAuthFlowRecord) {
    this.run(
      'INSERT INTO oauth_flows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ...[f.id, f.stateHash, f.organizationId, f.tenantId, f.endUserId, f.connectorId, f.authMethodId],
      ...[f.codeVerifier, f.redirectUri, f.returnOrigin, f.label, f.status, f.connectionId, f.errorCode],
      ...[f.errorMessage, f.expiresAt, f.createdAt, f.consumedAt, f.returnTo ?? null, f.reconnectConnectionId ?? null],
    );
  }

  async getOAuthFlow(id: string) {
    const row = this.get('SELECT * FROM oauth_flows WHERE id = ?', id);
    return row && rows.oauthFlow(row);
  }

  async consumeOAuthFlow(stateHash: string, at: string) {
    // One UPDATE decides the winner: SQLite runs it atomically, so a second caller changes no row.
    const changed = this.run(
      'UPDATE oauth_flows SET consumed_at = ? WHERE state_hash = ? AND consumed_at IS NULL',
      at,
      stateHash,
    );
    if (changed === 0) return undefined;
    const row = this.get('SELECT * FROM oauth_flows WHERE state_hash = ?', stateHash);
    return row && rows.oauthFlow(row);
  }

  async finishOAuthFlow(
    id: string,
    outcome: { status: 'connected' | 'failed'; connectionId?: string; errorCode?: string; errorMessage?: string },
  ) {
    // Only a pending flow finishes: a widget may still be polling the first result, and nothing rewrites it.
    this.run(
      "UPDATE oauth_flows SET status = ?, connection_id = ?, error_code = ?, error_message = ?, code_verifier = NULL WHERE id = ? AND status = 'pending'",
      ...[outcome.status, outcome.connectionId ?? null, outcome.errorCode ?? null, outcome.errorMessage ?? null, id],
    );
  }

  async putOAuthApp(a: OAuthAppRecord) {
    this.run(
      'INSERT OR REPLACE INTO oauth_apps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ...[a.id, a.organizationId, a.provider, a.clientId, JSON.stringify(a.defaultScopes)],
      ...[a.clientSecret.keyId, a.clientSecret.nonce, a.clientSecret.ciphertext, a.createdAt, a.updatedAt],
    );
  }

  async getOAuthApp(id: string) {
    const row = this.get('SELECT * FROM oauth_apps WHERE id = ?', id);
    return row && rows.oauthApp(row);
  }

  async listOAuthApps(organizationId: string) {
    return this.all('SELECT * FROM oauth_apps WHERE organization_id = ? ORDER BY id', organizationId).map(
      rows.oauthApp,
    );
  }

  async deleteOAuthApp(id: string) {
    return this.run('DELETE FROM oauth_apps WHERE id = ?', id) > 0;
  }

  async listSealedNotUnder(kind: SealedKind, keyId: string, page: Page): Promise<SealedRecord[]> {
    const { select, id } = SEALED_SQL[kind];
    return this.all(
      `${select} WHERE s.key_id <> ? AND ${id} > ? ORDER BY ${id} LIMIT ?`,
      keyId,
      page.cursor ?? '',
      page.limit,
    ).map((row) => rows.sealedRecord(kind, row));
  }

  async replaceSealed(record: SealedRecord, next: SealedCredentials) {
    const { table, match } = SEALED_SQL[record.kind];
    const keys =
      record.kind === 'credentials' || record.kind === 'inbound-secrets'
        ? [record.connectionId]
        : record.kind === 'connector-secret'
          ? [record.connectorId, record.authMethodId]
          : record.kind === 'webhook-endpoint-secret'
            ? [record.endpointId]
            : [record.appId];
    const changed = this.run(
      `UPDATE ${table} SET key_id = ?, nonce = ?, ciphertext = ? WHERE ${match} AND nonce = ?`,
      ...[next.keyId, next.nonce, next.ciphertext, ...keys, record.sealed.nonce],
    );
    return changed > 0;
  }

  // Events live in their own tables and file.
  createAgentRun: AgentStore['createAgentRun'] = (...args) => this.agent.createAgentRun(...args);
  getAgentRun: AgentStore['getAgentRun'] = (...args) => this.agent.getAgentRun(...args);
  updateAgentRun: AgentStore['updateAgentRun'] = (...args) => this.agent.updateAgentRun(...args);
  listAgentRuns: AgentStore['listAgentRuns'] = (...args) => this.agent.listAgentRuns(...args);
  listAgentRunsWithStatus: AgentStore['listAgentRunsWithStatus'] = (...args) =>
    this.agent.listAgentRunsWithStatus(...args);
  appendAgentLog: AgentStore['appendAgentLog'] = (...args) => this.agent.appendAgentLog(...args);
  listAgentLog: AgentStore['listAgentLog'] = (...args) => this.agent.listAgentLog(...args);

  putConnectorEvents: EventStore['putConnectorEvents'] = (...args) => this.events.putConnectorEvents(...args);
  getConnectorEvents: EventStore['getConnectorEvents'] = (...args) => this.events.getConnectorEvents(...args);
  listConnectorsWithEvents: EventStore['listConnectorsWithEvents'] = (...args) =>
    this.events.listConnectorsWithEvents(...args);
  listActiveConnectionsOf: EventStore['listActiveConnectionsOf'] = (...args) =>
    this.events.listActiveConnectionsOf(...args);
  getPollingState: EventStore['getPollingState'] = (...args) => this.events.getPollingState(...args);
  putPollingState: EventStore['putPollingState'] = (...args) => this.events.putPollingState(...args);
  createWebhookEndpoint: EventStore['createWebhookEndpoint'] = (...args) => this.events.createWebhookEndpoint(...args);
  getWebhookEndpoint: EventStore['getWebhookEndpoint'] = (...args) => this.events.getWebhookEndpoint(...args);
  listWebhookEndpoints: EventStore['listWebhookEndpoints'] = (...args) => this.events.listWebhookEndpoints(...args);
  deleteWebhookEndpoint: EventStore['deleteWebhookEndpoint'] = (...args) => this.events.deleteWebhookEndpoint(...args);
  createEvent: EventStore['createEvent'] = (...args) => this.events.createEvent(...args);
  getEvent: EventStore['getEvent'] = (...args) => this.events.getEvent(...args);
  createDelivery: EventStore['createDelivery'] = (...args) => this.events.createDelivery(...args);
  getDelivery: EventStore['getDelivery'] = (...args) => this.events.getDelivery(...args);
  listDeliveries: EventStore['listDeliveries'] = (...args) => this.events.listDeliveries(...args);
  claimDueDeliveries: EventStore['claimDueDeliveries'] = (...args) => this.events.claimDueDeliveries(...args);
  updateDelivery: EventStore['updateDelivery'] = (...args) => this.events.updateDelivery(...args);
  putInbound: EventStore['putInbound'] = (...args) => this.events.putInbound(...args);
  getInbound: EventStore['getInbound'] = (...args) => this.events.getInbound(...args);
  findInboundByTokenHash: EventStore['findInboundByTokenHash'] = (...args) =>
    this.events.findInboundByTokenHash(...args);
  claimInboundDelivery: EventStore['claimInboundDelivery'] = (...args) => this.events.claimInboundDelivery(...args);
  releaseInboundDelivery: EventStore['releaseInboundDelivery'] = (...args) =>
    this.events.releaseInboundDelivery(...args);

  takeRateLimitToken: RateLimitStore['takeRateLimitToken'] = (...args) => this.upkeep.takeRateLimitToken(...args);
  resetRateLimit: RateLimitStore['resetRateLimit'] = (...args) => this.upkeep.resetRateLimit(...args);
  pruneExpired: RateLimitStore['pruneExpired'] = (...args) => this.upkeep.pruneExpired(...args);
  createConnectLink: ConnectLinkStore['createConnectLink'] = (...args) => this.links.createConnectLink(...args);
  listConnectLinks: ConnectLinkStore['listConnectLinks'] = (...args) => this.links.listConnectLinks(...args);
  revokeConnectLink: ConnectLinkStore['revokeConnectLink'] = (...args) => this.links.revokeConnectLink(...args);
  openConnectLink: ConnectLinkStore['openConnectLink'] = (...args) => this.links.openConnectLink(...args);

  createMcpToken: McpTokenStore['createMcpToken'] = (...args) => this.mcpTokens.createMcpToken(...args);
  findMcpTokenByHash: McpTokenStore['findMcpTokenByHash'] = (...args) => this.mcpTokens.findMcpTokenByHash(...args);
  listMcpTokens: McpTokenStore['listMcpTokens'] = (...args) => this.mcpTokens.listMcpTokens(...args);
  revokeMcpToken: McpTokenStore['revokeMcpToken'] = (...args) => this.mcpTokens.revokeMcpToken(...args);

  async ping() {
    this.db.prepare('SELECT 1').get();
  }

  async close() {
    this.db.close();
  }
}
