/**
 * Issue 6's agent shapes, as the contract names them. Local until `@plugboard/shared` exports them
 * (packages/shared/src/schemas/agent.ts); then this file re-exports those instead.
 */
import type {
  ActionDefinition,
  AuthMethodInput,
  Connector,
  ConnectorCreate,
  EventDefinition,
  Page,
  Visibility,
} from '@plugboard/shared';

export const AGENT_STEPS = ['understand', 'discover', 'build', 'review', 'test', 'fix', 'done'] as const;
export type AgentStep = (typeof AGENT_STEPS)[number];
export type AgentStatus = 'running' | 'awaiting_review' | 'ready' | 'created' | 'failed' | 'cancelled';

/** An auth method of a draft, with the stable key decisions name it by. */
export type AgentAuthMethod = AuthMethodInput & { key: string };

/** The connector the agent built so far. */
export type AgentDraft = Omit<ConnectorCreate, 'authMethods' | 'actions' | 'events'> & {
  authMethods: AgentAuthMethod[];
  actions?: ActionDefinition[];
  events?: EventDefinition[];
};

export interface AgentRun {
  id: string;
  prompt: string;
  status: AgentStatus;
  step: AgentStep;
  source: { kind: 'catalog' | 'spec' | 'none'; provider?: string; specUrl?: string };
  draft: AgentDraft | null;
  groups: { tag: string; actionKeys: string[] }[];
  tests: { actionKey: string; passed: boolean; status: number | null; latencyMs: number | null; note?: string }[];
  fixes: { actionKey: string; change: string; passed: boolean }[];
  warnings: string[];
  connectorId: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface AgentLogEntry {
  seq: number;
  at: string;
  step: AgentStep;
  kind: 'info' | 'found' | 'built' | 'passed' | 'failed' | 'warning';
  message: string;
  data?: unknown;
}

export interface AgentRunStart {
  prompt: string;
  specUrl?: string;
  specText?: string;
  connectionId?: string;
}

export type Verdict = 'accept' | 'drop' | 'edit';
export interface Decision {
  key: string;
  verdict: Verdict;
  value?: unknown;
}
export interface AgentReview {
  decisions: { authMethods?: Decision[]; actions?: Decision[]; events?: Decision[] };
}

export interface AgentCreate {
  name?: string;
  slug?: string;
  visibility?: Visibility;
}

/** What `agent.events` yields: each log entry, and the whole run on each status change. */
export type AgentEvent = { type: 'log'; entry: AgentLogEntry } | { type: 'run'; run: AgentRun };

/** The part of the SDK's `agent` resource the console uses. */
export interface AgentClient {
  start(body: AgentRunStart): Promise<AgentRun>;
  get(id: string): Promise<AgentRun>;
  list(): Promise<Page<AgentRun>>;
  review(id: string, body: AgentReview): Promise<AgentRun>;
  cancel(id: string): Promise<AgentRun>;
  create(id: string, body: AgentCreate): Promise<Connector>;
  events(id: string, options?: { signal?: AbortSignal }): AsyncIterable<AgentEvent>;
}
