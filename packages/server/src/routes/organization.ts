import {
  apiKeyCreateSchema,
  apiKeySchema,
  createdApiKeySchema,
  ErrorCode,
  memberCreateSchema,
  memberSchema,
  organizationSchema,
  organizationUpdateSchema,
  pageQuerySchema,
  pageSchema,
  tenantSchema,
} from '@plugboard/shared';
import { route } from '../http/route.js';
import type { ServiceDeps } from '../services/deps.js';
import { createApiKey, createMember, revokeApiKey, updateOrganization } from '../services/organizations.js';
import { presentApiKey, presentMember, presentOrganization, presentTenant } from '../services/presenters.js';
import { nextPage } from './paging.js';

/** Routes of the organization itself: settings, members, secret keys and tenants. */
export const organizationRoutes = (deps: ServiceDeps) => [
  route({
    method: 'get',
    path: '/v1/organization',
    tag: 'Organization',
    summary: 'Get the organization of the secret key or the signed-in member',
    operationId: 'getOrganization',
    description:
      'The organization the credential belongs to: its name, slug and the origins allowed to embed the widget.',
    auth: 'admin',
    status: 200,
    response: organizationSchema,
    handler: async ({ auth }) => presentOrganization(auth.organization),
  }),
  route({
    method: 'patch',
    path: '/v1/organization',
    tag: 'Organization',
    summary: 'Rename the organization or change its allowed widget origins',
    operationId: 'updateOrganization',
    description:
      "Changes the organization's name or its allowed widget origins; only the fields sent change. Connect sessions minted later check the new origins.",
    auth: 'admin',
    status: 200,
    body: organizationUpdateSchema,
    response: organizationSchema,
    handler: async ({ auth, body }) => presentOrganization(await updateOrganization(deps, auth.organization, body)),
  }),
  route({
    method: 'get',
    path: '/v1/members',
    tag: 'Organization',
    summary: 'List the members of the organization',
    operationId: 'listMembers',
    description: 'Every console member of the organization, in one page.',
    auth: 'admin',
    status: 200,
    response: pageSchema(memberSchema),
    handler: async ({ auth }) => ({
      data: (await deps.store.listMembers(auth.organization.id)).map(presentMember),
      nextCursor: null,
    }),
  }),
  route({
    method: 'post',
    path: '/v1/members',
    tag: 'Organization',
    summary: 'Add a member',
    operationId: 'createMember',
    description: 'Adds a console member who signs in with the email and password given; the password is stored hashed.',
    errors: [ErrorCode.Conflict],
    auth: 'admin',
    status: 201,
    body: memberCreateSchema,
    response: memberSchema,
    handler: async ({ auth, body }) => presentMember(await createMember(deps, auth.organization.id, body)),
  }),
  route({
    method: 'get',
    path: '/v1/api-keys',
    tag: 'Organization',
    summary: 'List secret keys (without their secrets)',
    operationId: 'listApiKeys',
    description:
      "The organization's secret keys with their names, prefixes and last use; never the secrets themselves.",
    auth: 'admin',
    status: 200,
    response: pageSchema(apiKeySchema),
    handler: async ({ auth }) => ({
      data: (await deps.store.listApiKeys(auth.organization.id)).map(presentApiKey),
      nextCursor: null,
    }),
  }),
  route({
    method: 'post',
    path: '/v1/api-keys',
    tag: 'Organization',
    summary: 'Create a secret key; the response is the only time its secret is shown (secret key only)',
    operationId: 'createApiKey',
    description:
      'Creates a secret key. Only a secret key may call this, never the console. The secret is in this response only: store it then.',
    auth: 'secretKey',
    status: 201,
    body: apiKeyCreateSchema,
    response: createdApiKeySchema,
    handler: async ({ auth, body }) => createApiKey(deps, auth.organization.id, body.name),
  }),
  route({
    method: 'delete',
    path: '/v1/api-keys/{id}',
    tag: 'Organization',
    summary: 'Revoke a secret key',
    operationId: 'revokeApiKey',
    description: 'Revokes a secret key: its next request fails on every replica. A key cannot revoke itself.',
    errors: [ErrorCode.NotFound, ErrorCode.Conflict],
    auth: 'admin',
    status: 204,
    handler: async ({ auth, params }) => revokeApiKey(deps, auth.organization.id, params.id ?? '', auth.apiKey?.id),
  }),
  route({
    method: 'get',
    path: '/v1/tenants',
    tag: 'Organization',
    summary: 'List tenants (your customers) with their connection counts',
    operationId: 'listTenants',
    description:
      'The tenants (your customers) that have connections, with how many each has, in pages (`cursor`, `limit`).',
    auth: 'admin',
    status: 200,
    query: pageQuerySchema,
    response: pageSchema(tenantSchema),
    handler: async ({ auth, query }) => {
      const tenants = await deps.store.listTenants(auth.organization.id, { ...query, limit: query.limit + 1 });
      return nextPage(tenants.map(presentTenant), query.limit);
    },
  }),
];
