/** Issue 6's agent shapes, from `@plugboard/shared`, and the part of the SDK's `agent` resource the console uses. */
import type { AgentStreamEvent } from '@plugboard/sdk';
import {
  type AgentCreate,
  type AgentDecision,
  type AgentLimits,
  type AgentReview,
  type AgentRun,
  type AgentRunCreate,
  agentStepSchema,
  type Connector,
  type Page,
} from '@plugboard/shared';

export type {
  AgentAuthMethod,
  AgentCreate,
  AgentDraft,
  AgentLimits,
  AgentLogEntry,
  AgentReview,
  AgentRun,
  AgentRunStatus,
  AgentStep,
} from '@plugboard/shared';

/** The agent's steps, in order. */
export const AGENT_STEPS = agentStepSchema.options;

/** Body of `agent.start`. */
export type AgentRunStart = AgentRunCreate;
export type Decision = AgentDecision;
export type Verdict = AgentDecision['verdict'];

/** What `agent.events` yields: each log entry, and the whole run on each status change (the SDK's `AgentStreamEvent`). */
export type AgentEvent = AgentStreamEvent;

/** The part of the SDK's `agent` resource (`AgentResource`) the console uses; tests hand in a fake. */
export interface AgentClient {
  /** The bounds the server holds runs to. */
  limits(): Promise<AgentLimits>;
  start(body: AgentRunStart): Promise<AgentRun>;
  get(id: string): Promise<AgentRun>;
  list(query?: { limit?: number; cursor?: string }): Promise<Page<AgentRun>>;
  /** Sends the decisions (undecided items are accepted); the run then tests and fixes. */
  review(id: string, decisions: AgentReview['decisions']): Promise<AgentRun>;
  cancel(id: string): Promise<AgentRun>;
  create(id: string, body: AgentCreate): Promise<Connector>;
  /** The run's log from the start (or after `after`), then new entries and run changes, until it ends. */
  events(id: string, options?: { signal?: AbortSignal; after?: number }): AsyncIterable<AgentEvent>;
}
