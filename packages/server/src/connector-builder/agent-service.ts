import type { Provider } from '@plugboard/catalog';
import { findProvider } from '@plugboard/catalog';
import { parseSpec } from '@plugboard/openapi';
import {
  type AgentLimits,
  type AgentLogEntry,
  type AgentRun,
  type agentCreateSchema,
  type agentRunCreateSchema,
  connectorCreateSchema,
  ErrorCode,
} from '@plugboard/shared';
import type { z } from 'zod';
import { newId } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type { AdminAuth } from '../http/auth.js';
import { parseWith } from '../http/validation.js';
import { findConnection } from '../services/connections.js';
import { createConnector } from '../services/connectors.js';
import { egressOf, type ServiceDeps } from '../services/deps.js';
import { DomainError } from '../services/domain-error.js';
import type { TokenRefresher } from '../services/token-refresh.js';
import type { AgentRunRecord, StoredAgentRun } from '../storage/store.js';
import { draftFromCatalogSpec, withCatalogAuth } from './catalog-spec.js';
import { discoverSpec, fetchText } from './discover.js';
import {
  applyDecisions,
  baseUrlIssues,
  type Decisions,
  draftFromProvider,
  draftFromSpec,
  toCreateBody,
} from './draft.js';
import type { AgentModel } from './model.js';
import { DEFAULT_AGENT_RUN_LEASE_MS, RunLifecycle } from './run-lifecycle.js';
import { buildCapacityReached, checkSpecSize, connectorLimitIssues, DEFAULT_AGENT_LIMITS } from './run-limits.js';
import { type AgentEvent, AgentFailure } from './run-state.js';
import { runTestPhase, type TestPhase } from './test-phase.js';
import { type Understanding, understandPrompt } from './understand.js';

type Step = AgentRun['step'];
type Kind = AgentLogEntry['kind'];

/** Options of {@link AgentService}. */
export interface AgentServiceOptions {
  /**
   * How long a run's owner is trusted without a heartbeat; the owner renews every third of it, and any replica
   * fails a running run whose lease lapsed. @default DEFAULT_AGENT_RUN_LEASE_MS (30 s)
   */
  leaseMs?: number;
  /**
   * The bounds runs are held to: the largest uploaded spec, how many runs of one organization may build
   * (understand, discover, build) at once across every replica (another start gets 429 `rate_limited`), and the
   * most actions and events a created connector keeps. @default DEFAULT_AGENT_LIMITS
   */
  limits?: Partial<AgentLimits>;
}

const codeOf = (error: unknown) =>
  error instanceof AgentFailure || DomainError.is(error) ? error.code : 'agent_failed';

/**
 * The connector agent: runs are stored with their logs, worked on in the background by the process that started
 * (or resumed) them, paused for review, and followed by event streams on any replica. One per app.
 */
export class AgentService {
  readonly #runs: RunLifecycle;
  readonly #phase: TestPhase;
  readonly #recovered: Promise<void>;
  readonly #sweeper: ReturnType<typeof setInterval>;
  /** The bounds runs are held to, as `GET /v1/agent/limits` states them. */
  readonly limits: AgentLimits;

  constructor(
    private readonly deps: ServiceDeps,
    refresher: TokenRefresher,
    private readonly model: AgentModel | undefined,
    options: AgentServiceOptions = {},
  ) {
    this.#runs = new RunLifecycle(deps, options.leaseMs ?? DEFAULT_AGENT_RUN_LEASE_MS);
    this.limits = { ...DEFAULT_AGENT_LIMITS, ...options.limits };
    this.#phase = { deps, refresher, model, runs: this.#runs };
    // At boot and then every half lease: runs whose owner died fail, runs a live replica works on are left alone.
    this.#recovered = this.#runs.sweep().then(
      () => {},
      () => {},
    );
    this.#sweeper = setInterval(
      () => void this.#runs.sweep().catch(() => {}),
      Math.max(1, Math.floor(this.#runs.leaseMs / 2)),
    );
    this.#sweeper.unref?.();
  }

  /** Listens to this process's writes to a run (a same-process wake-up for streams); returns the unsubscribe. */
  subscribe(runId: string, listener: (event: AgentEvent) => void): () => void {
    return this.#runs.subscribe(runId, listener);
  }

  #log(record: AgentRunRecord, step: Step, kind: Kind, message: string, data?: unknown) {
    return this.#runs.log(record, step, kind, message, data);
  }

  /** Saves the work of a background step, unless the run was cancelled (on any replica) meanwhile. */
  #advance(record: AgentRunRecord, changes: Partial<AgentRun>) {
    return this.#runs.advance(record, changes);
  }

  /** Stops the periodic sweep for runs whose owner died; the runs this process works on go on. */
  stopSweeping(): void {
    clearInterval(this.#sweeper);
  }

  /** Stops sweeping and fails the runs this process was working on (a shutdown). */
  async close(): Promise<void> {
    this.stopSweeping();
    await this.#recovered;
    await this.#runs.close();
  }

  async #find(organizationId: string, id: string): Promise<StoredAgentRun> {
    await this.#recovered;
    const record = await this.deps.store.getAgentRun(id);
    if (!record || record.organizationId !== organizationId) throw ApiError.notFound(`Agent run ${id}`);
    return record;
  }

  /** A run of the organization. @throws ApiError 404 */
  async get(organizationId: string, id: string): Promise<AgentRun> {
    return (await this.#find(organizationId, id)).run;
  }

  /**
   * A run with its revision and last log seq, then its log after `afterSeq`, read in that order: what a stream
   * sends next. @throws ApiError 404
   */
  async follow(organizationId: string, id: string, afterSeq: number) {
    const run = await this.#find(organizationId, id);
    return { run, entries: await this.deps.store.listAgentLog(id, afterSeq) };
  }

  /** The organization's runs, newest first, kept after cancel. */
  async list(organizationId: string, page: { limit: number; cursor?: string | undefined }) {
    await this.#recovered;
    const records = await this.deps.store.listAgentRuns(organizationId, { ...page, limit: page.limit + 1 });
    const data = records.slice(0, page.limit).map((record) => record.run);
    return { data, nextCursor: records.length > page.limit ? (data.at(-1)?.id ?? null) : null };
  }

  /** A run's log after `afterSeq`, for replay. @throws ApiError 404 */
  async log(organizationId: string, id: string, afterSeq = 0) {
    await this.#find(organizationId, id);
    return this.deps.store.listAgentLog(id, afterSeq);
  }

  /**
   * Starts a run: stores it, then understands, discovers and builds in the background up to the review.
   * @throws ApiError 404 when the connection to test with is not the organization's, 413 for a spec over
   *   `limits.maxSpecBytes`, 429 when the organization already has `limits.maxBuildsPerOrganization` building
   */
  async start(auth: AdminAuth, body: z.output<typeof agentRunCreateSchema>): Promise<AgentRun> {
    await this.#recovered;
    checkSpecSize(this.limits, body.specText);
    if (body.connectionId) await findConnection(this.deps, auth.organization.id, body.connectionId);
    const at = this.deps.now().toISOString();
    const id = newId('agr');
    const record: AgentRunRecord = {
      id,
      organizationId: auth.organization.id,
      memberId: auth.member?.id ?? null,
      connectionId: body.connectionId ?? null,
      servers: [],
      run: {
        id,
        prompt: body.prompt,
        status: 'running',
        step: 'understand',
        source: { kind: 'none' },
        draft: null,
        groups: [],
        tests: [],
        fixes: [],
        warnings: [],
        connectorId: null,
        error: null,
        createdAt: at,
        updatedAt: at,
      },
    };
    const maxBuilding = this.limits.maxBuildsPerOrganization;
    if (!(await this.#runs.create(record, { maxBuilding }))) throw buildCapacityReached(maxBuilding);
    this.#runs.work(record, () => this.#build(record, body), codeOf);
    return record.run;
  }

  async #understand(
    record: AgentRunRecord,
    body: z.output<typeof agentRunCreateSchema>,
  ): Promise<Understanding & { specText?: string }> {
    const log = (kind: Kind, message: string) => this.#log(record, 'understand', kind, message);
    if (body.specText) {
      await log('found', 'Using the uploaded spec');
      return { specText: body.specText };
    }
    if (body.specUrl) {
      await log('found', `Looking for a spec at ${body.specUrl}`);
      return { url: body.specUrl };
    }
    const read = understandPrompt(body.prompt);
    if (read.provider) await log('found', `Matched ${read.provider.name} in the provider catalog`);
    else if (read.url) await log('found', `Looking for a spec at ${read.url}`);
    else if (read.domain) await log('found', `Looking for a spec at ${read.domain}`);
    if (read.provider || read.url || read.domain) return read;
    if (!this.model) {
      await log('info', 'No catalog provider, URL or domain in the prompt, and no model is configured to interpret it');
      return {};
    }
    await log('info', 'Asking the model what the prompt is about');
    const meant = await this.model.interpret(body.prompt);
    if (!meant) {
      await log('warning', 'The model gave no usable answer');
      return {};
    }
    const provider = meant.provider ? findProvider(meant.provider) : undefined;
    if (provider) {
      await log('found', `The model read it as ${provider.name}, in the provider catalog`);
      return { provider };
    }
    const target = meant.url ?? meant.domain;
    if (!target) {
      await log('warning', `The model named ${meant.provider}, which is not in the catalog, without a domain or URL`);
      return {};
    }
    await log('found', `The model read it as ${target}`);
    return meant.url ? { url: meant.url } : { domain: target };
  }

  async #build(record: AgentRunRecord, body: z.output<typeof agentRunCreateSchema>) {
    await this.#log(record, 'understand', 'info', `Reading the request: "${body.prompt}"`);
    const meant = await this.#understand(record, body);
    if (meant.provider) return this.#buildFromCatalog(record, meant.provider);
    const policy = egressOf(this.deps);
    let spec: Awaited<ReturnType<typeof parseSpec>> | undefined;
    let specUrl: string | undefined;
    if (meant.specText) {
      await this.#advance(record, { step: 'discover', source: { kind: 'spec' } });
      await this.#log(record, 'discover', 'info', 'No discovery needed: the spec was uploaded');
      spec = await parseSpec(meant.specText, {
        fetchRef: async (ref) => (await fetchText(policy, ref))?.text ?? Promise.reject(new Error(`${ref} not found`)),
      }).catch((error: unknown) => {
        throw new AgentFailure('invalid_spec', `The uploaded spec cannot be read: ${(error as Error).message}`);
      });
    } else {
      const target = meant.url ?? meant.domain;
      if (!target) {
        throw new AgentFailure(
          'not_understood',
          this.model
            ? 'Could not tell which API the prompt means: name a provider, give a docs URL or domain, or upload a spec'
            : 'Without a model configured, the prompt must name a catalog provider, a docs URL or a domain; or upload a spec',
        );
      }
      await this.#advance(record, { step: 'discover' });
      const found = await discoverSpec(policy, target, (kind, message) => this.#log(record, 'discover', kind, message));
      if (!found.found)
        throw new AgentFailure(found.blocked ? ErrorCode.EgressBlocked : 'spec_not_found', found.message);
      spec = found.spec;
      specUrl = found.url;
    }
    await this.#advance(record, { step: 'build', source: { kind: 'spec', ...(specUrl ? { specUrl } : {}) } });
    const fromSpec = draftFromSpec(spec);
    const built = { ...fromSpec, ...withCatalogAuth(fromSpec) };
    record.servers = built.servers;
    if (built.draft && this.model) await this.#nameActions(record, built.draft);
    for (const kind of built.warningKinds ?? [])
      await this.#log(record, 'build', 'warning', `${kind.count} × ${kind.code}: ${kind.examples[0]}`, kind);
    const { draft, groups, warnings, warningKinds } = built;
    await this.#built(record, { draft, groups, warnings, ...(warningKinds ? { warningKinds } : {}) });
  }

  async #nameActions(record: AgentRunRecord, draft: NonNullable<AgentRun['draft']>) {
    const names = await this.model?.nameActions(
      draft.actions.slice(0, 100).map(({ key, method, path, name }) => ({ key, method, path, name })),
    );
    if (!names?.size) return;
    draft.actions = draft.actions.map((action) => {
      const better = names.get(action.key);
      return better ? { ...action, name: better.name, description: better.description ?? action.description } : action;
    });
    await this.#log(record, 'build', 'info', `The model named ${names.size} actions`);
  }

  async #buildFromCatalog(record: AgentRunRecord, provider: Provider) {
    await this.#advance(record, { step: 'discover', source: { kind: 'catalog', provider: provider.slug } });
    const note = (kind: Kind, message: string) => this.#log(record, 'discover', kind, message);
    const fromSpec = await draftFromCatalogSpec(egressOf(this.deps), provider, note);
    if (fromSpec) {
      const { servers, specUrl, ...built } = fromSpec;
      record.servers = servers;
      await this.#advance(record, { step: 'build', source: { kind: 'catalog', provider: provider.slug, specUrl } });
      return this.#built(record, built);
    }
    await this.#advance(record, { step: 'build' });
    const built = draftFromProvider(provider);
    const warnings = provider.authMethods.some((method) => method.kind === 'oauth2')
      ? [`Add ${provider.name}'s OAuth client ID and secret (or a managed OAuth app) before connecting`]
      : [];
    await this.#built(record, { ...built, warnings });
  }

  async #built(record: AgentRunRecord, built: Pick<AgentRun, 'draft' | 'groups' | 'warnings' | 'warningKinds'>) {
    const draft = built.draft;
    if (!draft) throw new AgentFailure('agent_failed', 'The build produced no draft');
    await this.#log(
      record,
      'build',
      'built',
      `Built ${draft.name}: ${draft.authMethods.length} auth methods, ${draft.actions.length} actions, ${draft.events.length} events`,
      { authMethods: draft.authMethods.length, actions: draft.actions.length, events: draft.events.length },
    );
    await this.#log(record, 'review', 'info', 'Waiting for your review');
    await this.#advance(record, { ...built, step: 'review', status: 'awaiting_review' });
  }

  /**
   * Applies review decisions and goes on with the test and fix steps in the background.
   * @throws ApiError 409 when the run is not awaiting review, 400 when a decision is not valid (nothing changes)
   */
  async review(organizationId: string, id: string, decisions: Decisions): Promise<AgentRun> {
    const record = await this.#find(organizationId, id);
    if (record.run.status !== 'awaiting_review' || !record.run.draft) {
      throw new ApiError(409, ErrorCode.Conflict, `The run is ${record.run.status}, not awaiting review`);
    }
    const applied = applyDecisions(record.run.draft, decisions);
    if (!applied.draft) throw ApiError.validation(applied.issues, 'The review decisions are not valid');
    const over = connectorLimitIssues(this.limits, applied.draft);
    if (over.length > 0) throw ApiError.validation(over, 'The review keeps more than a connector holds');
    const kept = new Set(applied.draft.actions.map((action) => action.key));
    const groups = record.run.groups
      .map((group) => ({ ...group, actionKeys: group.actionKeys.filter((key) => kept.has(key)) }))
      .filter((group) => group.actionKeys.length > 0);
    const d = applied.draft;
    await this.#runs.claim(
      record,
      { draft: d, groups, step: 'test' },
      this.#runs.entry(
        'review',
        'info',
        `Reviewed: kept ${d.authMethods.length} auth methods, ${d.actions.length} actions, ${d.events.length} events`,
      ),
    );
    this.#runs.work(record, () => runTestPhase(this.#phase, record), codeOf);
    return record.run;
  }

  /**
   * Cancels a run that has not ended, whichever replica works on it; its log is kept. The owner stops at its next
   * heartbeat, log entry or step. @throws ApiError 404, 409
   */
  cancel(organizationId: string, id: string): Promise<AgentRun> {
    return this.#runs.cancel(() => this.#find(organizationId, id));
  }

  /**
   * Creates the connector of a ready run, as the member (or the organization's first member).
   * @throws ApiError 409 when the run is not ready, 400 when the draft with the overrides is not valid
   */
  async create(auth: AdminAuth, id: string, overrides: z.output<typeof agentCreateSchema>) {
    const record = await this.#find(auth.organization.id, id);
    const notReady = () =>
      new ApiError(409, ErrorCode.Conflict, `The run is ${record.run.status}, not ready to create`);
    if (record.run.status !== 'ready' || !record.run.draft) throw notReady();
    const draft = record.run.draft;
    // Taking a lease on the ready run is the creator's lock, held in the database: of two concurrent creates
    // (on one replica or several) one gets it, the other a 409.
    const taken = await this.#runs.change(record, {
      changes: {},
      expected: { status: ['ready'], revision: record.revision, lapsedBefore: this.deps.now().toISOString() },
      lease: this.#runs.lease(),
    });
    if (!taken) throw notReady();
    try {
      const createdBy = auth.member?.id ?? record.memberId ?? undefined;
      const body = { ...toCreateBody(draft), ...overrides, ...(createdBy ? { createdBy } : {}) };
      const missing = baseUrlIssues(body);
      if (missing.length > 0) throw ApiError.validation(missing, 'The connector needs an API base URL');
      const input = parseWith(connectorCreateSchema, body);
      const connector = await createConnector(this.deps, auth.organization, input);
      await this.#runs.change(record, {
        changes: { status: 'created', connectorId: connector.id },
        expected: { status: ['ready'], owner: this.#runs.owner },
        log: this.#runs.entry('done', 'built', `Created the connector ${connector.name}`, {
          connectorId: connector.id,
        }),
      });
      return connector;
    } finally {
      await this.deps.store.releaseAgentRun(id, this.#runs.owner);
    }
  }
}
