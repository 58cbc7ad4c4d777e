import {
  apiKeyCreateSchema,
  apiKeySchema,
  createdApiKeySchema,
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
    auth: 'admin',
    status: 204,
    handler: async ({ auth, params }) => revokeApiKey(deps, auth.organization.id, params.id ?? '', auth.apiKey?.id),
  }),
  route({
    method: 'get',
    path: '/v1/tenants',
    tag: 'Organization',
    summary: 'List tenants (your customers) with their connection counts',
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
