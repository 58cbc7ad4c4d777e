import type { AgentLogEntry, AgentRun } from '@plugboard/shared';

/**
 * A connector agent run as stored: the run as the API shows it, plus what the agent needs to go on after a
 * pause or a restart (the connection to test with, the spec's other servers).
 */
export interface AgentRunRecord {
  id: string;
  organizationId: string;
  /** The member who started it, when a console member did. */
  memberId: string | null;
  run: AgentRun;
  connectionId: string | null;
  /** Every server of the spec as a base URL, for the fix step. */
  servers: string[];
}

/** Storage of connector agent runs and their logs. */
export interface AgentStore {
  createAgentRun(record: AgentRunRecord): Promise<void>;
  getAgentRun(id: string): Promise<AgentRunRecord | undefined>;
  /** Replaces a run's state. */
  updateAgentRun(record: AgentRunRecord): Promise<void>;
  /** An organization's runs, newest first; the cursor is the last id of the previous page. */
  listAgentRuns(
    organizationId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<AgentRunRecord[]>;
  /** Runs of every organization with this status (on start: the running ones a restart interrupted). */
  listAgentRunsWithStatus(status: AgentRun['status']): Promise<AgentRunRecord[]>;
  /** Appends a log entry; its `seq` is unique per run. */
  appendAgentLog(runId: string, entry: AgentLogEntry): Promise<void>;
  /** A run's log after `afterSeq` (0 for all of it), in order. */
  listAgentLog(runId: string, afterSeq?: number): Promise<AgentLogEntry[]>;
}
