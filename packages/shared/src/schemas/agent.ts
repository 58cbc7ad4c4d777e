import { z } from 'zod';
import { actionDefinitionSchema, apiBaseUrlSchema, MAX_CONNECTOR_ACTIONS } from './actions.js';
import { authMethodInputSchema } from './auth-methods.js';
import { httpsUrlSchema, idSchema, timestampSchema } from './common.js';
import { domainSchema, slugSchema, visibilitySchema } from './connectors.js';
import { eventDefinitionSchema, MAX_CONNECTOR_EVENTS } from './events.js';
import { connectorVariableSchema } from './variables.js';

/** The largest spec text `POST /v1/agent/runs` takes: 50 MB (the largest published specs are 13 MB). */
export const MAX_AGENT_SPEC_BYTES = 50 * 1024 * 1024;

/** Where a run is: working, waiting for the member's review, done, or stopped. */
export const agentRunStatusSchema = z.enum(['running', 'awaiting_review', 'ready', 'created', 'failed', 'cancelled']);

/** The agent's steps, in order. */
export const agentStepSchema = z.enum(['understand', 'discover', 'build', 'review', 'test', 'fix', 'done']);

/** What a log entry says happened. */
export const agentLogKindSchema = z.enum(['info', 'found', 'built', 'passed', 'failed', 'warning']);

/** A stable key for review decisions: letters, digits, dots, dashes and underscores. */
export const agentKeySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/** An auth method of a draft: the connector create input plus the key decisions name it by. */
export const agentAuthMethodSchema = z
  .looseObject({ key: agentKeySchema, kind: z.string() })
  .transform((value, ctx) => {
    const { key, ...method } = value;
    const parsed = authMethodInputSchema.safeParse(method);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return { key, ...parsed.data };
  });

/** Body of `POST /v1/agent/runs`: a prompt, and optionally a spec URL or text and a connection to test with. */
export const agentRunCreateSchema = z.strictObject({
  prompt: z.string().trim().min(1, 'Describe the API to build a connector for').max(2000),
  specUrl: z
    .url({ protocol: /^https?$/, error: 'Must be an http(s) URL' })
    .max(2048)
    .optional(),
  specText: z.string().max(MAX_AGENT_SPEC_BYTES, 'The spec is larger than 50 MB').optional(),
  connectionId: idSchema.optional(),
});

/** The connector a run built, for review: a create body whose auth methods, actions and events carry keys. */
export const agentDraftSchema = z.object({
  name: z.string(),
  slug: slugSchema.optional(),
  description: z.string(),
  domain: domainSchema.optional(),
  visibility: visibilitySchema,
  iconUrl: httpsUrlSchema.optional(),
  authMethods: z.array(agentAuthMethodSchema),
  apiBaseUrl: apiBaseUrlSchema.nullable().optional(),
  /** Parts of the base URL or OAuth URLs each end user fills in when connecting (`{shop}`). */
  variables: z.array(connectorVariableSchema).optional(),
  actions: z.array(actionDefinitionSchema),
  events: z.array(eventDefinitionSchema),
});

/** One review decision on an auth method, action or event, by key. `edit` carries the edited item. */
export const agentDecisionSchema = z.strictObject({
  key: z.string().min(1).max(200),
  verdict: z.enum(['accept', 'drop', 'edit']),
  value: z.unknown().optional(),
});

/** Body of `POST /v1/agent/runs/{id}/review`. Items without a decision are accepted. */
export const agentReviewSchema = z.strictObject({
  decisions: z.strictObject({
    authMethods: z.array(agentDecisionSchema).max(50).optional(),
    actions: z.array(agentDecisionSchema).max(MAX_CONNECTOR_ACTIONS).optional(),
    events: z.array(agentDecisionSchema).max(MAX_CONNECTOR_EVENTS).optional(),
  }),
});

/** Body of `POST /v1/agent/runs/{id}/create`: overrides of the draft's name, slug and visibility. */
export const agentCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  slug: slugSchema.optional(),
  visibility: visibilitySchema.optional(),
  /** Where actions are sent: required when the draft has none (a spec with no usable server) and no domain. */
  apiBaseUrl: apiBaseUrlSchema.optional(),
});

/** One test of a safe action against the real API. */
export const agentTestSchema = z.object({
  actionKey: z.string(),
  passed: z.boolean(),
  /** The HTTP status, 0 when no answer came (blocked, timeout, network). */
  status: z.number().int(),
  latencyMs: z.number().int(),
  note: z.string().optional(),
});

/** A change the fix step tried for a failing action, and whether the action passed with it. */
export const agentFixSchema = z.object({ actionKey: z.string(), change: z.string(), passed: z.boolean() });

/** A connector agent run ("Build with AI"). */
export const agentRunSchema = z.object({
  id: z.string(),
  prompt: z.string(),
  status: agentRunStatusSchema,
  step: agentStepSchema,
  source: z.object({
    kind: z.enum(['catalog', 'spec', 'none']),
    provider: z.string().optional(),
    specUrl: z.string().optional(),
  }),
  draft: agentDraftSchema.nullable(),
  /** Actions by tag, else by first path segment (`source: 'path'`), else in "Other". */
  groups: z.array(
    z.object({ tag: z.string(), source: z.enum(['tag', 'path']).optional(), actionKeys: z.array(z.string()) }),
  ),
  tests: z.array(agentTestSchema),
  fixes: z.array(agentFixSchema),
  warnings: z.array(z.string()),
  /** The build's warnings by kind (their stable code), with a count and the first few messages. */
  warningKinds: z
    .array(z.object({ code: z.string(), count: z.number().int(), examples: z.array(z.string()) }))
    .optional(),
  connectorId: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

/** One line of a run's log, streamed as `event: log`. */
export const agentLogEntrySchema = z.object({
  seq: z.number().int(),
  at: timestampSchema,
  step: agentStepSchema,
  kind: agentLogKindSchema,
  message: z.string(),
  data: z.unknown().optional(),
});

/**
 * What `GET /v1/agent/limits` returns: the bounds this server holds the connector agent to, as configured
 * (`PLUGBOARD_AGENT_*`), so a client can state them before a member runs into one.
 */
export const agentLimitsSchema = z.object({
  /** The largest uploaded spec, in bytes (at most 50 MB). */
  maxSpecBytes: z.number().int().positive(),
  /** How many runs of one organization may build at once; one more is refused with 429 `rate_limited`. */
  maxBuildsPerOrganization: z.number().int().positive(),
  /** The most actions a connector created from a run keeps (at most 2,000). */
  maxActions: z.number().int().positive(),
  /** The most events a connector created from a run keeps (at most 500). */
  maxEvents: z.number().int().positive(),
});
