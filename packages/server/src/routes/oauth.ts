import { ErrorCode, oauthFlowCreateSchema, oauthFlowSchema, oauthFlowStartSchema } from '@plugboard/shared';
import { callbackPage } from '../http/callback-page.js';
import { route } from '../http/route.js';
import type { ServiceDeps } from '../services/deps.js';
import { completeOAuthFlow, getOAuthFlow, type OAuthConfig, startOAuthFlow } from '../services/oauth-flows.js';

/**
 * Routes of the OAuth 2.0 authorization code flow. The redirect URI comes from `config`, fixed when the app
 * is built: never from the request, whose Host header the caller chooses.
 */
export const oauthRoutes = (deps: ServiceDeps, config: OAuthConfig) => [
  route({
    method: 'post',
    path: '/v1/session/oauth/flows',
    tag: 'Session',
    summary: 'Start connecting through the provider’s sign-in page; open authorizationUrl in a popup or redirect',
    operationId: 'startOAuthFlow',
    description:
      'Starts an OAuth 2.0 authorization code flow with PKCE: open `authorizationUrl` in a popup (or redirect to it, with `returnTo` on an allowed origin), then poll the flow.',
    errors: [
      ErrorCode.NotFound,
      ErrorCode.AuthMethodNotSupported,
      ErrorCode.OAuthNotConfigured,
      ErrorCode.NotConfigured,
      ErrorCode.EgressBlocked,
      ErrorCode.Forbidden,
    ],
    auth: 'session',
    status: 201,
    body: oauthFlowCreateSchema,
    response: oauthFlowStartSchema,
    handler: async ({ auth, body }) => startOAuthFlow(deps, auth, body, config),
  }),
  route({
    method: 'get',
    path: '/v1/session/oauth/flows/{id}',
    tag: 'Session',
    summary: 'Where an OAuth flow stands: pending, connected (with the connection) or failed (with a code)',
    operationId: 'getOAuthFlow',
    description:
      'Where a flow of this session stands: `pending`, `connected` with the connection, or `failed` with an error code.',
    errors: [ErrorCode.NotFound],
    auth: 'session',
    status: 200,
    response: oauthFlowSchema,
    handler: async ({ auth, params }) => getOAuthFlow(deps, auth, params.id ?? ''),
  }),
  route({
    method: 'get',
    path: '/v1/oauth/callback',
    tag: 'OAuth',
    summary: 'The redirect URI: completes the flow and tells the opener page that it changed',
    operationId: 'completeOAuthFlow',
    description:
      'The redirect URI providers send the end user back to. Exchanges the code, stores the tokens, and answers an HTML page that tells the opener (by flow id and status only) and closes, or redirects back to `returnTo`.',
    auth: 'none',
    status: 200,
    produces: 'text/html',
    alsoAnswers: { 400: 'An HTML page telling the opener that the flow failed (with its error code), then closing' },
    handler: async ({ c }) => {
      const outcome = await completeOAuthFlow(deps, new URL(c.req.url), config);
      const flow = outcome.flow;
      const page = callbackPage(
        { flowId: flow?.id ?? null, status: outcome.status },
        flow?.returnOrigin ?? null,
        flow?.returnTo ?? null,
        outcome.errorCode,
      );
      return c.body(page.body, outcome.status === 'connected' ? 200 : 400, page.headers);
    },
  }),
];
