import {
  agentCreateSchema,
  agentLimitsSchema,
  agentReviewSchema,
  agentRunCreateSchema,
  agentRunSchema,
  connectorSchema,
  ErrorCode,
  pageQuerySchema,
  pageSchema,
} from '@plugboard/shared';
import type { AgentService } from '../connector-builder/agent-service.js';
import { agentEventStream } from '../connector-builder/event-stream.js';
import { route } from '../http/route.js';
import { presentConnector } from '../services/connectors.js';
import type { ServiceDeps } from '../services/deps.js';

/** The connector agent ("Build with AI"): runs, their event streams, review and create. */
export const agentRoutes = (deps: ServiceDeps, agent: AgentService) => [
  route({
    method: 'get',
    path: '/v1/agent/limits',
    tag: 'Agent',
    summary:
      'The bounds runs are held to on this server: the largest spec, builds at once per organization, actions and events per connector',
    operationId: 'getAgentLimits',
    description:
      'The bounds this server holds connector agent runs to (set by the PLUGBOARD_AGENT_MAX_SPEC_BYTES, _BUILDS, _ACTIONS and _EVENTS variables): a larger spec is refused with 413, a review keeping more actions or events with 400.',
    auth: 'admin',
    status: 200,
    response: agentLimitsSchema,
    handler: async () => agent.limits,
  }),
  route({
    method: 'post',
    path: '/v1/agent/runs',
    tag: 'Agent',
    summary:
      'Start a connector agent run from a prompt, a spec URL or an uploaded spec (up to `maxSpecBytes` of GET /v1/agent/limits, 50 MB by default)',
    operationId: 'createAgentRun',
    description:
      'Starts a connector agent run from a prompt, a spec URL or an uploaded spec; it finds the spec, drafts the connector and waits for a review.',
    errors: [ErrorCode.NotFound, ErrorCode.RateLimited],
    auth: 'admin',
    status: 201,
    body: agentRunCreateSchema,
    response: agentRunSchema,
    handler: ({ auth, body }) => agent.start(auth, body),
  }),
  route({
    method: 'get',
    path: '/v1/agent/runs',
    tag: 'Agent',
    summary: 'List agent runs, newest first (cancelled ones included)',
    operationId: 'listAgentRuns',
    description: "The organization's agent runs, newest first, in pages.",
    auth: 'admin',
    status: 200,
    query: pageQuerySchema,
    response: pageSchema(agentRunSchema),
    handler: ({ auth, query }) => agent.list(auth.organization.id, query),
  }),
  route({
    method: 'get',
    path: '/v1/agent/runs/{id}',
    tag: 'Agent',
    summary: 'Get an agent run with its draft, tests and fixes',
    operationId: 'getAgentRun',
    description: 'One run with its status, draft, tests and fixes.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 200,
    response: agentRunSchema,
    handler: ({ auth, params }) => agent.get(auth.organization.id, params.id ?? ''),
  }),
  route({
    method: 'get',
    path: '/v1/agent/runs/{id}/events',
    tag: 'Agent',
    summary:
      "Stream a run's log (`event: log`) and changes (`event: run`) as server-sent events, from the start or Last-Event-ID",
    operationId: 'streamAgentRunEvents',
    description:
      "A server-sent event stream of the run's log (`event: log`) and its changes (`event: run`), from the start or after `Last-Event-ID`; it ends when the run does.",
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 200,
    produces: 'text/event-stream',
    handler: ({ auth, params, c }) =>
      agentEventStream(agent, c, auth.organization.id, params.id ?? '', {
        lastEventId: c.req.header('last-event-id'),
      }),
  }),
  route({
    method: 'post',
    path: '/v1/agent/runs/{id}/review',
    tag: 'Agent',
    summary: "Accept, drop or edit the draft's auth methods, actions and events; the run goes on to test and fix",
    operationId: 'reviewAgentRun',
    description:
      "Accepts, drops or edits the draft's auth methods, actions and events; the run goes on to test and fix.",
    errors: [ErrorCode.NotFound, ErrorCode.Conflict],
    auth: 'admin',
    status: 200,
    body: agentReviewSchema,
    response: agentRunSchema,
    handler: ({ auth, params, body }) => agent.review(auth.organization.id, params.id ?? '', body.decisions),
  }),
  route({
    method: 'post',
    path: '/v1/agent/runs/{id}/cancel',
    tag: 'Agent',
    summary: 'Cancel a run; its log is kept',
    operationId: 'cancelAgentRun',
    description: 'Cancels a run; its log is kept.',
    errors: [ErrorCode.NotFound, ErrorCode.Conflict],
    auth: 'admin',
    status: 200,
    response: agentRunSchema,
    handler: ({ auth, params }) => agent.cancel(auth.organization.id, params.id ?? ''),
  }),
  route({
    method: 'post',
    path: '/v1/agent/runs/{id}/create',
    tag: 'Agent',
    summary: 'Create the connector of a ready run',
    operationId: 'createAgentRunConnector',
    description: 'Creates the connector of a run that is ready, with the name, slug and visibility given.',
    errors: [ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.SlugTaken, ErrorCode.EgressBlocked],
    auth: 'admin',
    status: 201,
    body: agentCreateSchema,
    response: connectorSchema,
    handler: async ({ auth, params, body }) => {
      const connector = await agent.create(auth, params.id ?? '', body);
      return presentConnector(deps, connector, auth.organization.id);
    },
  }),
];
