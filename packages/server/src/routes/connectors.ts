import {
  connectorCreateSchema,
  connectorSchema,
  connectorUpdateSchema,
  ErrorCode,
  pageSchema,
} from '@plugboard/shared';
import { z } from 'zod';
import { route } from '../http/route.js';
import {
  createConnector,
  creatorsOf,
  findOwnedConnector,
  findVisibleConnector,
  listConnectors,
  presentConnector,
  updateConnector,
} from '../services/connectors.js';
import type { ServiceDeps } from '../services/deps.js';
import { nextPage } from './paging.js';

const listQuery = z.strictObject({
  scope: z.enum(['own', 'public', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Admin routes of connectors. */
export const connectorRoutes = (deps: ServiceDeps) => [
  route({
    method: 'get',
    path: '/v1/connectors',
    tag: 'Connectors',
    summary: "List the organization's connectors and public connectors of others",
    operationId: 'listConnectors',
    description:
      "The organization's connectors (`scope=own`), the public connectors of other organizations (`scope=public`) or both, in pages, each with its connection count.",
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 200,
    query: listQuery,
    response: pageSchema(connectorSchema),
    handler: async ({ auth, query }) => {
      const records = await listConnectors(deps, auth.organization.id, query.scope, {
        ...query,
        limit: query.limit + 1,
      });
      const listing = {
        counts: await deps.store.countConnections(auth.organization.id),
        creators: await creatorsOf(deps, records),
        events: await deps.store.getEventsOfConnectors(records.map((record) => record.id)),
      };
      const connectors = await Promise.all(
        records.map((record) => presentConnector(deps, record, auth.organization.id, listing)),
      );
      return nextPage(connectors, query.limit);
    },
  }),
  route({
    method: 'post',
    path: '/v1/connectors',
    tag: 'Connectors',
    summary: 'Create a connector',
    operationId: 'createConnector',
    description:
      'Creates a connector from its auth methods, API base URL, actions and events. URLs are checked against the egress policy; the slug must be free in the organization.',
    errors: [ErrorCode.SlugTaken, ErrorCode.EgressBlocked, ErrorCode.NotFound],
    auth: 'admin',
    status: 201,
    body: connectorCreateSchema,
    response: connectorSchema,
    handler: async ({ auth, body }) => {
      // In the console the signed-in member creates it, unless the body names another member.
      const createdBy = body.createdBy ?? auth.member?.id;
      const input = { ...body, ...(createdBy ? { createdBy } : {}) };
      return presentConnector(deps, await createConnector(deps, auth.organization, input), auth.organization.id);
    },
  }),
  route({
    method: 'get',
    path: '/v1/connectors/{idOrSlug}',
    tag: 'Connectors',
    summary: 'Get a connector by id or slug',
    operationId: 'getConnector',
    description: 'One connector the organization owns, or a public one, by id or slug.',
    errors: [ErrorCode.NotFound],
    auth: 'admin',
    status: 200,
    response: connectorSchema,
    handler: async ({ auth, params }) =>
      presentConnector(
        deps,
        await findVisibleConnector(deps, auth.organization.id, params.idOrSlug ?? ''),
        auth.organization.id,
      ),
  }),
  route({
    method: 'patch',
    path: '/v1/connectors/{idOrSlug}',
    tag: 'Connectors',
    summary: 'Change a connector the organization owns',
    operationId: 'updateConnector',
    description:
      'Changes the fields sent of a connector the organization owns; connections keep working with the new definition.',
    errors: [ErrorCode.NotFound, ErrorCode.SlugTaken, ErrorCode.EgressBlocked, ErrorCode.Conflict, ErrorCode.Forbidden],
    auth: 'admin',
    status: 200,
    body: connectorUpdateSchema,
    response: connectorSchema,
    handler: async ({ auth, params, body }) => {
      const record = await findOwnedConnector(deps, auth.organization.id, params.idOrSlug ?? '');
      return presentConnector(deps, await updateConnector(deps, record, body), auth.organization.id);
    },
  }),
  route({
    method: 'delete',
    path: '/v1/connectors/{idOrSlug}',
    tag: 'Connectors',
    summary: 'Delete a connector with all its connections (`connectionCount` says how many)',
    operationId: 'deleteConnector',
    description: 'Deletes a connector the organization owns, with every connection of it and their credentials.',
    errors: [ErrorCode.NotFound, ErrorCode.Forbidden],
    auth: 'admin',
    status: 204,
    handler: async ({ auth, params }) => {
      const record = await findOwnedConnector(deps, auth.organization.id, params.idOrSlug ?? '');
      await deps.store.deleteConnector(record.id);
    },
  }),
];
