import {
  connectLinkCreateSchema,
  connectLinkExchangeSchema,
  connectLinkInfoSchema,
  connectLinkSchema,
  connectLinkSessionSchema,
  ErrorCode,
  pageQuerySchema,
  pageSchema,
} from '@plugboard/shared';
import { connectPage } from '../http/connect-page.js';
import { route } from '../http/route.js';
import { CONNECT_PAGE_PATH, createConnectLink, openConnectLink, revokeConnectLink } from '../services/connect-links.js';
import type { ServiceDeps } from '../services/deps.js';
import type { ConnectLinkRecord } from '../storage/store.js';
import { nextPage } from './paging.js';

const present = ({ organizationId, tokenHash, endUserName, ...link }: ConnectLinkRecord) => link;

/** Connect links: minted and revoked by the vendor's backend, opened by the hosted connect page. */
export const connectLinkRoutes = (deps: ServiceDeps) => [
  route({
    method: 'post',
    path: '/v1/connect-links',
    tag: 'Connect links',
    summary:
      'Mint a connect link: a page on this server where one end user connects apps for one tenant, without your frontend. ' +
      'Hand `url` to the end user only; it carries the link’s token (in its fragment). `returnUrl` must be on the ' +
      'organization’s allowed origins. Lives 7 days by default, at most 30.',
    operationId: 'createConnectLink',
    description:
      "Mints a connect link for one tenant and end user: a hosted page where they connect apps without your frontend. Secret key only: the URL carries the link's token.",
    errors: [ErrorCode.NotFound, ErrorCode.NotConfigured],
    auth: 'secretKey',
    status: 201,
    body: connectLinkCreateSchema,
    response: connectLinkSchema,
    handler: async ({ auth, body }) => createConnectLink(deps, auth.organization, body),
  }),
  route({
    method: 'get',
    path: '/v1/connect-links',
    tag: 'Connect links',
    summary: 'List connect links, newest first, with how often each was opened; never their URLs',
    operationId: 'listConnectLinks',
    description: 'Connect links, newest first, with how often each was opened; never their URLs or tokens.',
    auth: 'admin',
    status: 200,
    query: pageQuerySchema,
    response: pageSchema(connectLinkInfoSchema),
    handler: async ({ auth, query }) => {
      const records = await deps.store.listConnectLinks(auth.organization.id, { ...query, limit: query.limit + 1 });
      return nextPage(records.map(present), query.limit);
    },
  }),
  route({
    method: 'delete',
    path: '/v1/connect-links/{id}',
    tag: 'Connect links',
    summary: 'Revoke a connect link at once, on every replica; its page then says it was cancelled',
    operationId: 'revokeConnectLink',
    description: 'Revokes a connect link at once, on every replica; its page then says it was cancelled.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 204,
    handler: async ({ auth, params }) => revokeConnectLink(deps, auth.organization.id, params.id ?? ''),
  }),
  route({
    method: 'post',
    path: '/v1/connect-links/exchange',
    tag: 'Connect links',
    summary:
      'Used by the hosted connect page: exchanges a link’s token for a connect session usable from this server’s own ' +
      'origin only. 410 `link_expired`, `link_revoked` or `link_used_up` (each link opens at most 5 times).',
    operationId: 'exchangeConnectLink',
    description:
      "What the connect page calls on load: trades the link's token (from the URL fragment) for a connect session, counting the opening.",
    errors: [
      ErrorCode.Unauthenticated,
      ErrorCode.LinkExpired,
      ErrorCode.LinkRevoked,
      ErrorCode.LinkUsedUp,
      ErrorCode.NotFound,
    ],
    auth: 'none',
    status: 200,
    body: connectLinkExchangeSchema,
    response: connectLinkSessionSchema,
    handler: async ({ c, body }) => {
      c.header('Cache-Control', 'no-store');
      return openConnectLink(deps, body.token);
    },
  }),
  route({
    method: 'get',
    path: CONNECT_PAGE_PATH,
    tag: 'Connect links',
    summary: 'The hosted connect page a connect link opens (HTML); its token travels in the fragment only',
    operationId: 'getConnectPage',
    description:
      "The hosted connect page (HTML) a connect link opens; its token travels in the URL fragment only, so it never reaches this server's logs.",
    auth: 'none',
    status: 200,
    produces: 'text/html',
    handler: async ({ c }) => {
      const page = connectPage();
      return c.body(page.body, 200, page.headers);
    },
  }),
];
