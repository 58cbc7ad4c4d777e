// Connector agent runs and their logs.
import type { AgentLogEntry, AgentRun } from '@plugboard/shared';
import type { AgentRunRecord, AgentStore } from '../agent-store.js';
import { json, nullableText, type Row, text } from './rows.js';
import type { Db } from './tables.js';

const record = (row: Row): AgentRunRecord => ({
  id: text(row.id),
  organizationId: text(row.organization_id),
  memberId: nullableText(row.member_id),
  run: json<AgentRun>(row.run),
  connectionId: nullableText(row.connection_id),
  servers: json<string[]>(row.servers),
});

const state = (r: AgentRunRecord) => ({
  status: r.run.status,
  run: JSON.stringify(r.run),
  connection_id: r.connectionId,
  servers: JSON.stringify(r.servers),
});

/** The {@link AgentStore} queries over one database handle. */
export function agentQueries(db: Db): AgentStore {
  return {
    async createAgentRun(r) {
      await db
        .insertInto('agent_runs')
        .values({ id: r.id, organization_id: r.organizationId, member_id: r.memberId, ...state(r) })
        .execute();
    },
    async getAgentRun(id) {
      const row = await db.selectFrom('agent_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && record(row);
    },
    async updateAgentRun(r) {
      await db.updateTable('agent_runs').set(state(r)).where('id', '=', r.id).execute();
    },
    async listAgentRuns(organizationId, page) {
      let query = db.selectFrom('agent_runs').selectAll().where('organization_id', '=', organizationId);
      if (page.cursor) query = query.where('id', '<', page.cursor);
      return (await query.orderBy('id', 'desc').limit(page.limit).execute()).map(record);
    },
    async listAgentRunsWithStatus(status: AgentRun['status']) {
      return (await db.selectFrom('agent_runs').selectAll().where('status', '=', status).orderBy('id').execute()).map(
        record,
      );
    },
    async appendAgentLog(runId, entry: AgentLogEntry) {
      await db
        .insertInto('agent_log')
        .values({ run_id: runId, seq: entry.seq, entry: JSON.stringify(entry) })
        .execute();
    },
    async listAgentLog(runId, afterSeq = 0) {
      const found = await db
        .selectFrom('agent_log')
        .select('entry')
        .where('run_id', '=', runId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .execute();
      return found.map((row) => json<AgentLogEntry>(row.entry));
    },
  };
}
