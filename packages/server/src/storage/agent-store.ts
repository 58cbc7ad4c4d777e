import type { AgentLogEntry, AgentRun } from '@plugboard/shared';

/** Who works on a running run, and until when: the owner renews it while it works; once it lapses, the owner is taken to be dead. */
export interface AgentRunLease {
  /** The id of the process (one agent service) working on the run. */
  owner: string;
  /** ISO 8601; the run may be failed as interrupted by any replica after it. */
  until: string;
}

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
  /** The process working on the run; none (absent or null) while it waits for a member or has ended. */
  lease?: AgentRunLease | null;
}

/** A run as read back: with its lease, its revision (bumped by every write) and the last seq of its log. */
export interface StoredAgentRun extends AgentRunRecord {
  lease: AgentRunLease | null;
  revision: number;
  logSeq: number;
}

/**
 * What a conditional write of a run expects to find; the write happens only when all of it holds, in the same
 * statement, so of two racing writers (a cancel and a finish, two replicas' sweeps) exactly one wins.
 */
export interface AgentRunExpectation {
  /** The run's status is one of these. */
  status: ReadonlyArray<AgentRun['status']>;
  /** The run is leased by this owner. */
  owner?: string;
  /** Nobody wrote the run since it was read at this revision. */
  revision?: number;
  /** The run's lease lapsed before this time (ISO 8601), or it has none. */
  lapsedBefore?: string;
}

/** A log entry to append: the store gives it the run's next `seq`. */
export type NewAgentLogEntry = Omit<AgentLogEntry, 'seq'>;

/** Storage of connector agent runs and their logs. */
export interface AgentStore {
  /**
   * Stores a new run. With `capacity`, only while the organization has fewer than `maxBuilding` runs building
   * (running at the understand, discover or build step), checked and written atomically: of runs created at the
   * same instant on several replicas, no more than the bound are stored.
   * @returns false when the organization was at capacity (nothing was written)
   */
  createAgentRun(record: AgentRunRecord, capacity?: { maxBuilding: number }): Promise<boolean>;
  getAgentRun(id: string): Promise<StoredAgentRun | undefined>;
  /**
   * Replaces a run's state (and lease) when it still matches `expected`, bumping its revision.
   * @returns the run as written, or undefined when it did not match (nothing was written)
   */
  updateAgentRunIf(record: AgentRunRecord, expected: AgentRunExpectation): Promise<StoredAgentRun | undefined>;
  /**
   * Moves the lease of a running run this owner holds to `until`.
   * @returns false when the owner no longer holds it (cancelled, failed, finished or taken over): it must stop
   */
  renewAgentRunLease(id: string, owner: string, until: string): Promise<boolean>;
  /** Drops this owner's lease on a run, whatever its status; another owner's lease is left alone. */
  releaseAgentRun(id: string, owner: string): Promise<void>;
  /** An organization's runs, newest first; the cursor is the last id of the previous page. */
  listAgentRuns(
    organizationId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<StoredAgentRun[]>;
  /** Running runs of every organization whose lease lapsed before `now` (or that have none): their owner died. */
  listLapsedAgentRuns(now: string, limit: number): Promise<StoredAgentRun[]>;
  /**
   * Appends a log entry with the run's next `seq` (one counter per run in the run's row, so writers on several
   * replicas never take the same one, and entries commit in `seq` order). With `owner`, only while that owner
   * holds the running run.
   * @returns the entry as stored, or undefined when `owner` no longer holds the run (nothing was written)
   */
  appendAgentLog(runId: string, entry: NewAgentLogEntry, owner?: string): Promise<AgentLogEntry | undefined>;
  /** A run's log after `afterSeq` (0 for all of it), in order. */
  listAgentLog(runId: string, afterSeq?: number): Promise<AgentLogEntry[]>;
}
