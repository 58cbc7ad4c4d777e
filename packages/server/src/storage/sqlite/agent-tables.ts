import type { AgentLogEntry, AgentRun } from '@plugboard/shared';
import type Database from 'libsql';
import type { AgentRunRecord, AgentStore } from '../agent-store.js';

type Row = Record<string, unknown>;

const record = (row: Row): AgentRunRecord => ({
  id: String(row.id),
  organizationId: String(row.organization_id),
  memberId: row.member_id === null ? null : String(row.member_id),
  run: JSON.parse(String(row.run)) as AgentRun,
  connectionId: row.connection_id === null ? null : String(row.connection_id),
  servers: JSON.parse(String(row.servers)) as string[],
});

/** The SQLite side of {@link AgentStore}; the SQLite store hands these calls over. */
export class SqliteAgentTables implements AgentStore {
  constructor(private readonly db: Database.Database) {}

  async createAgentRun(r: AgentRunRecord) {
    this.db
      .prepare(
        `INSERT INTO agent_runs (id, organization_id, member_id, status, run, connection_id, servers)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.id,
        r.organizationId,
        r.memberId,
        r.run.status,
        JSON.stringify(r.run),
        r.connectionId,
        JSON.stringify(r.servers),
      );
  }

  async getAgentRun(id: string) {
    const row = this.db.prepare('SELECT * FROM agent_runs WHERE id = ?').get(id) as Row | undefined;
    return row && record(row);
  }

  async updateAgentRun(r: AgentRunRecord) {
    this.db
      .prepare('UPDATE agent_runs SET status = ?, run = ?, connection_id = ?, servers = ? WHERE id = ?')
      .run(r.run.status, JSON.stringify(r.run), r.connectionId, JSON.stringify(r.servers), r.id);
  }

  async listAgentRuns(organizationId: string, page: { limit: number; cursor?: string | undefined }) {
    const rows = page.cursor
      ? this.db
          .prepare('SELECT * FROM agent_runs WHERE organization_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
          .all(organizationId, page.cursor, page.limit)
      : this.db
          .prepare('SELECT * FROM agent_runs WHERE organization_id = ? ORDER BY id DESC LIMIT ?')
          .all(organizationId, page.limit);
    return (rows as Row[]).map(record);
  }

  async listAgentRunsWithStatus(status: AgentRun['status']) {
    return (this.db.prepare('SELECT * FROM agent_runs WHERE status = ? ORDER BY id').all(status) as Row[]).map(record);
  }

  async appendAgentLog(runId: string, entry: AgentLogEntry) {
    this.db
      .prepare('INSERT INTO agent_log (run_id, seq, entry) VALUES (?, ?, ?)')
      .run(runId, entry.seq, JSON.stringify(entry));
  }

  async listAgentLog(runId: string, afterSeq = 0) {
    const rows = this.db
      .prepare('SELECT entry FROM agent_log WHERE run_id = ? AND seq > ? ORDER BY seq')
      .all(runId, afterSeq) as Row[];
    return rows.map((row) => JSON.parse(String(row.entry)) as AgentLogEntry);
  }
}
