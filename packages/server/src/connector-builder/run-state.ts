import type { AgentLogEntry, AgentRun } from '@plugboard/shared';

/** Statuses after which a run changes no more, or only by a member's action. */
export const ENDED: ReadonlySet<AgentRun['status']> = new Set(['created', 'failed', 'cancelled']);

/** Statuses at which an event stream closes: nothing more happens without a member's request. */
export const STREAM_ENDS: ReadonlySet<AgentRun['status']> = new Set(['ready', 'created', 'failed', 'cancelled']);

/**
 * What a run's stream carries: a log entry, or the run after a change with its revision (each write bumps it)
 * and the last log seq at that write, so a stream sends a run change only after the log entries before it.
 */
export type AgentEvent =
  | { type: 'log'; entry: AgentLogEntry }
  | { type: 'run'; run: AgentRun; revision: number; logSeq: number };

/** Thrown inside a run's work when the member cancelled it meanwhile: the work stops, nothing more is written. */
export class RunCancelled extends Error {
  override name = 'RunCancelled' as const;
}

/** Why a run failed, with a stable code the run's `error` carries (`not_understood`, `spec_not_found`, …). */
export class AgentFailure extends Error {
  override name = 'AgentFailure' as const;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
