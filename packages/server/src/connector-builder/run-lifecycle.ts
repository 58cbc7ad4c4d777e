// Who works on an agent run, and how its status changes when several replicas share the database: the process
// that works on a run owns it with a lease it renews; every status change is a conditional write; a run whose
// owner died (its lease lapsed) is failed as interrupted by whichever replica sweeps first.
import { hostname } from 'node:os';
import type { AgentLogEntry, AgentRun } from '@plugboard/shared';
import { ErrorCode } from '@plugboard/shared';
import { newId } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { ServiceDeps } from '../services/deps.js';
import type {
  AgentRunExpectation,
  AgentRunLease,
  AgentRunRecord,
  NewAgentLogEntry,
  StoredAgentRun,
} from '../storage/store.js';
import { type AgentEvent, ENDED, RunCancelled } from './run-state.js';

/** How long a run's owner is trusted without a heartbeat: `PLUGBOARD_AGENT_RUN_LEASE_SECONDS`. @default 30 s */
export const DEFAULT_AGENT_RUN_LEASE_MS = 30_000;

const INTERRUPTED = 'The server working on this run stopped before it finished; start a new run';
const SHUT_DOWN = 'The server working on this run shut down before it finished; start a new run';
const SWEEP_BATCH = 100;
// A cancel re-reads and retries when the owner wrote in between; a handful of rounds settles any real race.
const CANCEL_ATTEMPTS = 10;

/** The work of one run in this process: stopped once the run is no longer this process's to work on. */
interface WorkContext {
  id: string;
  stopped: boolean;
  stop(): void;
  /** Rejects with RunCancelled on stop, so the work's waiting ends even while a step is still in flight. */
  halted: Promise<never>;
  heartbeat?: ReturnType<typeof setInterval>;
}

/** A status change: the run's new fields, what the row must still hold, the log entry written with it. */
export interface RunChange {
  changes: Partial<AgentRun>;
  expected: AgentRunExpectation;
  log?: NewAgentLogEntry;
  /** @default no lease: nobody works on the run after this change */
  lease?: AgentRunLease | null;
}

const failure = (code: string, message: string) => ({ code, message });

/**
 * Run ownership, leases, conditional status changes, cancel and the sweep of runs whose owner died, for one
 * agent service (one owner id). Events of this process's writes go to same-process listeners at once; other
 * replicas' streams read them from the database.
 */
export class RunLifecycle {
  /** This process's owner id, as run leases record it. */
  readonly owner = `${hostname()}/${process.pid}/${newId('own')}`;
  readonly #contexts = new WeakMap<AgentRunRecord, WorkContext>();
  readonly #active = new Map<string, WorkContext>();
  readonly #listeners = new Map<string, Set<(event: AgentEvent) => void>>();

  constructor(
    private readonly deps: ServiceDeps,
    readonly leaseMs: number,
  ) {}

  /** Listens to this process's writes to a run; returns the function that stops listening. */
  subscribe(runId: string, listener: (event: AgentEvent) => void): () => void {
    const set = this.#listeners.get(runId) ?? new Set();
    set.add(listener);
    this.#listeners.set(runId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(runId);
    };
  }

  #emit(runId: string, event: AgentEvent) {
    for (const listener of this.#listeners.get(runId) ?? []) listener(event);
  }

  #emitRun(saved: StoredAgentRun) {
    this.#emit(saved.id, { type: 'run', run: saved.run, revision: saved.revision, logSeq: saved.logSeq });
  }

  /** A lease for this process from now. */
  lease(): AgentRunLease {
    return { owner: this.owner, until: new Date(this.deps.now().getTime() + this.leaseMs).toISOString() };
  }

  #entry(step: AgentRun['step'], kind: AgentLogEntry['kind'], message: string, data?: unknown): NewAgentLogEntry {
    return { at: this.deps.now().toISOString(), step, kind, message, ...(data === undefined ? {} : { data }) };
  }

  /** Stores a new run, owned by this process when it is running. */
  create(record: AgentRunRecord, capacity?: { maxBuilding: number }): Promise<boolean> {
    record.lease = record.run.status === 'running' ? this.lease() : null;
    return this.deps.store.createAgentRun(record, capacity);
  }

  /**
   * Appends to a run's log. While this process works on the run, only as long as it still holds it: an entry
   * after a cancel made on another replica is not written, and the work stops.
   */
  async log(
    record: AgentRunRecord,
    step: AgentRun['step'],
    kind: AgentLogEntry['kind'],
    message: string,
    data?: unknown,
  ) {
    const context = this.#contexts.get(record);
    if (context?.stopped) return;
    const owner = context ? this.owner : undefined;
    const entry = await this.deps.store.appendAgentLog(record.id, this.#entry(step, kind, message, data), owner);
    if (!entry) return context?.stop();
    this.#emit(record.id, { type: 'log', entry });
  }

  /**
   * Writes a status change when the row still holds what `change.expected` says, with its log entry, in one
   * transaction. @returns the run as written, or undefined when another writer got there first
   */
  async change(record: AgentRunRecord, change: RunChange): Promise<StoredAgentRun | undefined> {
    const next: AgentRunRecord = {
      ...record,
      run: { ...record.run, ...change.changes, updatedAt: this.deps.now().toISOString() },
      lease: change.lease ?? null,
    };
    const { log } = change;
    const written = await this.deps.store.transaction(async (tx) => {
      const saved = await tx.updateAgentRunIf(next, change.expected);
      if (!saved) return undefined;
      const entry = log ? await tx.appendAgentLog(record.id, log) : undefined;
      return { saved, entry };
    });
    if (!written) return undefined;
    record.run = next.run;
    record.lease = next.lease ?? null;
    if (written.entry) this.#emit(record.id, { type: 'log', entry: written.entry });
    this.#emitRun(written.saved);
    return written.saved;
  }

  /**
   * Saves the work of a background step while this process still owns the running run; the lease is renewed
   * with it, or dropped when the run leaves `running` (a pause for review, ready, failed).
   * @throws RunCancelled when the run was cancelled (here or on another replica) or taken away meanwhile
   */
  async advance(record: AgentRunRecord, changes: Partial<AgentRun>, log?: NewAgentLogEntry): Promise<void> {
    const context = this.#contexts.get(record);
    if (context?.stopped) throw new RunCancelled();
    const status = changes.status ?? record.run.status;
    const saved = await this.change(record, {
      changes,
      expected: { status: ['running'], owner: this.owner },
      lease: status === 'running' ? this.lease() : null,
      ...(log ? { log } : {}),
    });
    if (!saved) {
      context?.stop();
      throw new RunCancelled();
    }
  }

  /** A log entry for {@link change} or {@link advance}. */
  entry(step: AgentRun['step'], kind: AgentLogEntry['kind'], message: string, data?: unknown): NewAgentLogEntry {
    return this.#entry(step, kind, message, data);
  }

  /**
   * Works on a run this process owns, in the background: renews the lease every third of it, and stops (the
   * work's result is dropped, nothing more is written) as soon as a heartbeat, a log write or a step finds the
   * run no longer ours. A failure ends the run as failed, unless it was cancelled meanwhile.
   */
  work(record: AgentRunRecord, task: () => Promise<void>, codeOf: (error: unknown) => string): void {
    let stop: () => void = () => {};
    const halted = new Promise<never>((_, reject) => {
      stop = () => reject(new RunCancelled());
    });
    halted.catch(() => {});
    const context: WorkContext = {
      id: record.id,
      stopped: false,
      halted,
      stop: () => {
        context.stopped = true;
        stop();
      },
    };
    this.#contexts.set(record, context);
    this.#active.set(record.id, context);
    context.heartbeat = setInterval(() => void this.#renew(context), Math.max(1, Math.floor(this.leaseMs / 3)));
    context.heartbeat.unref?.();
    void this.#run(record, context, task, codeOf);
  }

  async #renew(context: WorkContext) {
    const until = new Date(this.deps.now().getTime() + this.leaseMs).toISOString();
    // A failed renewal (the database away for a moment) is not a lost run: the lease just runs down meanwhile.
    const held = await this.deps.store.renewAgentRunLease(context.id, this.owner, until).catch(() => true);
    if (!held) context.stop();
  }

  async #run(record: AgentRunRecord, context: WorkContext, task: () => Promise<void>, codeOf: (e: unknown) => string) {
    try {
      await Promise.race([task(), context.halted]);
    } catch (error) {
      if (!(error instanceof RunCancelled) && !context.stopped) {
        const message = error instanceof Error ? error.message : 'The agent stopped unexpectedly';
        await this.change(record, {
          changes: { status: 'failed', error: failure(codeOf(error), message) },
          expected: { status: ['running'], owner: this.owner },
          log: this.#entry(record.run.step, 'failed', message),
        }).catch(() => {});
      }
    } finally {
      clearInterval(context.heartbeat);
      this.#active.delete(record.id);
      context.stopped = true;
      // A run that ended without us (cancelled elsewhere) still names us: let go, so nobody waits on a dead lease.
      await this.deps.store.releaseAgentRun(record.id, this.owner).catch(() => {});
    }
  }

  /**
   * Takes a paused run (awaiting review) to work on in this process, unless someone changed it since it was read.
   * @throws ApiError 409 when another request got there first
   */
  async claim(record: StoredAgentRun, changes: Partial<AgentRun>, log: NewAgentLogEntry): Promise<void> {
    const saved = await this.change(record, {
      changes: { ...changes, status: 'running' },
      expected: { status: [record.run.status], revision: record.revision },
      lease: this.lease(),
      log,
    });
    if (!saved) throw new ApiError(409, ErrorCode.Conflict, 'The run changed meanwhile; load it again');
  }

  /**
   * Cancels a run that has not ended, from any replica: one conditional write, retried on a fresh read when the
   * owner wrote in between, so a cancel racing a finish yields one outcome. The owner notices it at its next
   * heartbeat, log entry or step, and stops.
   * @throws ApiError 409 when the run has already ended
   */
  async cancel(read: () => Promise<StoredAgentRun>): Promise<AgentRun> {
    for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
      const record = await read();
      if (ENDED.has(record.run.status))
        throw new ApiError(409, ErrorCode.Conflict, `The run is already ${record.run.status}`);
      const saved = await this.change(record, {
        changes: { status: 'cancelled' },
        expected: { status: [record.run.status], revision: record.revision },
        // The owner keeps its lease until it has stopped: that it let go is how one knows its work ended.
        lease: record.lease,
        log: this.#entry(record.run.step, 'info', 'Cancelled'),
      });
      if (saved) {
        this.#active.get(record.id)?.stop();
        return saved.run;
      }
    }
    throw new ApiError(409, ErrorCode.Conflict, 'The run kept changing; try the cancel again');
  }

  /**
   * Fails the running runs whose lease lapsed: their owner died (or lost the database for longer than the
   * lease). Runs another live replica works on keep their lease and are left alone.
   * @returns how many runs this sweep failed
   */
  async sweep(): Promise<number> {
    const now = this.deps.now().toISOString();
    let failed = 0;
    for (const record of await this.deps.store.listLapsedAgentRuns(now, SWEEP_BATCH)) {
      const saved = await this.change(record, {
        changes: { status: 'failed', error: failure('interrupted', INTERRUPTED) },
        expected: { status: ['running'], revision: record.revision, lapsedBefore: now },
        log: this.#entry(record.run.step, 'failed', INTERRUPTED),
      });
      if (saved) failed += 1;
    }
    if (failed > 0) this.deps.logger.warn({ event: 'agent.runs.interrupted', count: failed });
    return failed;
  }

  /**
   * Stops the work of this process (a shutdown): its running runs cannot go on here, so they fail as
   * interrupted now rather than when their lease lapses.
   */
  async close(): Promise<void> {
    const contexts = [...this.#active.values()];
    await Promise.all(
      contexts.map(async (context) => {
        // Failed while still ours (the owner condition holds), then stopped: stopping first would let go of it.
        const record = await this.deps.store.getAgentRun(context.id).catch(() => undefined);
        if (record) {
          await this.change(record, {
            changes: { status: 'failed', error: failure('interrupted', SHUT_DOWN) },
            expected: { status: ['running'], owner: this.owner },
            log: this.#entry(record.run.step, 'failed', SHUT_DOWN),
          }).catch(() => {});
        }
        context.stop();
      }),
    );
  }
}
