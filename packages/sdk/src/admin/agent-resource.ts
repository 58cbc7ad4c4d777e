import type {
  AgentCreate,
  AgentDecision,
  AgentLimits,
  AgentLogEntry,
  AgentRun,
  AgentRunCreate,
  Connector,
  Page,
} from '@plugboard/shared';
import { type ApiRequest, type StreamOptions, segment } from '../core/request.js';
import { serverSentEvents } from '../core/server-sent-events.js';
import type { AdminSend } from './resources.js';

/** Opens a streaming admin call with the client's credential. */
export type AdminOpen = (request: ApiRequest, options?: StreamOptions) => Promise<Response>;

/** One event of a run's stream: a log entry, or the whole run after a change. */
export type AgentStreamEvent = { type: 'log'; entry: AgentLogEntry } | { type: 'run'; run: AgentRun };

/** Options of {@link AgentResource.events}. */
export interface AgentEventsOptions {
  /** Stops the stream; the iterator then ends. */
  signal?: AbortSignal;
  /** Replay the log only after this entry's `seq` (as `Last-Event-ID`). @default 0, the whole log */
  after?: number;
}

/** The connector agent ("Build with AI"): start a run, follow it, review its draft, create the connector. */
export class AgentResource {
  constructor(
    private readonly send: AdminSend,
    private readonly open: AdminOpen,
  ) {}

  /**
   * Starts a run from a prompt ("HubSpot CRM", a docs URL, a domain), a spec URL or an uploaded spec (up to 50 MB).
   * @throws ValidationError for an empty prompt; NotFoundError for a connection that is not the organization's
   * @example
   * ```ts
   * const run = await plugboard.agent.start({ prompt: 'HubSpot CRM' });
   * ```
   */
  start(body: AgentRunCreate): Promise<AgentRun> {
    return this.send({ method: 'POST', path: 'agent/runs', body });
  }
  /** The bounds this server holds runs to: the largest spec, builds at once, actions and events per connector. */
  limits(): Promise<AgentLimits> {
    return this.send({ method: 'GET', path: 'agent/limits' });
  }
  /** A run with its draft, tests and fixes. */
  get(id: string): Promise<AgentRun> {
    return this.send({ method: 'GET', path: `agent/runs/${segment(id)}` });
  }
  /** Runs, newest first; cancelled ones stay listed. */
  list(query: { limit?: number; cursor?: string } = {}): Promise<Page<AgentRun>> {
    return this.send({ method: 'GET', path: 'agent/runs', query: { ...query } });
  }
  /**
   * Accepts, drops or edits the draft's auth methods, actions and events by key (undecided ones are accepted);
   * the run then tests and fixes.
   * @throws ValidationError when an edit is not valid (nothing changes); ConflictError when the run is not awaiting review
   * @example
   * ```ts
   * await plugboard.agent.review(run.id, { actions: [{ key: 'delete-contact', verdict: 'drop' }] });
   * ```
   */
  review(
    id: string,
    decisions: { authMethods?: AgentDecision[]; actions?: AgentDecision[]; events?: AgentDecision[] },
  ): Promise<AgentRun> {
    return this.send({ method: 'POST', path: `agent/runs/${segment(id)}/review`, body: { decisions } });
  }
  /** Cancels a run; its log is kept. @throws ConflictError when it already ended */
  cancel(id: string): Promise<AgentRun> {
    return this.send({ method: 'POST', path: `agent/runs/${segment(id)}/cancel` });
  }
  /** Creates the connector of a `ready` run, with an optional name, slug and visibility. @throws ConflictError when not ready */
  create(id: string, body: AgentCreate = {}): Promise<Connector> {
    return this.send({ method: 'POST', path: `agent/runs/${segment(id)}/create`, body });
  }
  /**
   * Follows a run: its log from the start, then every new entry and every change of the run, until the run is
   * ready, created, failed or cancelled (or `signal` aborts).
   * @example
   * ```ts
   * for await (const event of plugboard.agent.events(run.id)) {
   *   if (event.type === 'log') console.log(event.entry.message);
   *   else if (event.run.status === 'awaiting_review') break;
   * }
   * ```
   */
  async *events(id: string, options: AgentEventsOptions = {}): AsyncGenerator<AgentStreamEvent> {
    const response = await this.open(
      { method: 'GET', path: `agent/runs/${segment(id)}/events` },
      { signal: options.signal, lastEventId: options.after ? String(options.after) : undefined },
    );
    if (!response.body) return;
    try {
      for await (const { event, data } of serverSentEvents(response.body)) {
        if (event === 'log') yield { type: 'log', entry: JSON.parse(data) as AgentLogEntry };
        else if (event === 'run') yield { type: 'run', run: JSON.parse(data) as AgentRun };
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      throw error;
    }
  }
}
