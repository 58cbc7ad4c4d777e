import { ErrorCode, oauthAppCreateSchema, oauthAppSchema, oauthAppUpdateSchema, pageSchema } from '@plugboard/shared';
import { route } from '../http/route.js';
import type { ServiceDeps } from '../services/deps.js';
import {
  createOAuthApp,
  deleteOAuthApp,
  findOAuthApp,
  presentOAuthApps,
  updateOAuthApp,
} from '../services/oauth-apps.js';

/** Admin routes of managed OAuth apps (Settings -> OAuth Apps). */
export const oauthAppRoutes = (deps: ServiceDeps) => {
  const present = async (organizationId: string, app: Awaited<ReturnType<typeof findOAuthApp>>) =>
    (await presentOAuthApps(deps, organizationId, [app]))[0];
  return [
    route({
      method: 'get',
      path: '/v1/oauth-apps',
      tag: 'OAuth apps',
      summary: 'List managed OAuth apps, with the connectors that use each',
      operationId: 'listOAuthApps',
      description: "The organization's managed OAuth apps, with the connectors using each; never their client secrets.",
      auth: 'admin',
      status: 200,
      response: pageSchema(oauthAppSchema),
      handler: async ({ auth }) => {
        const apps = await deps.store.listOAuthApps(auth.organization.id);
        return { data: await presentOAuthApps(deps, auth.organization.id, apps), nextCursor: null };
      },
    }),
    route({
      method: 'post',
      path: '/v1/oauth-apps',
      tag: 'OAuth apps',
      summary: 'Register a managed OAuth app that connectors can use instead of their own',
      operationId: 'createOAuthApp',
      description:
        'Registers a managed OAuth app (client ID and secret, default scopes) that connectors can use instead of their own; the secret is encrypted and never returned.',
      auth: 'admin',
      status: 201,
      body: oauthAppCreateSchema,
      response: oauthAppSchema,
      handler: async ({ auth, body }) =>
        present(auth.organization.id, await createOAuthApp(deps, auth.organization.id, body)),
    }),
    route({
      method: 'patch',
      path: '/v1/oauth-apps/{id}',
      tag: 'OAuth apps',
      summary: 'Change an app’s client ID, secret or default scopes',
      operationId: 'updateOAuthApp',
      description: "Changes an app's client ID, client secret or default scopes.",
      errors: [ErrorCode.NotFound],
      auth: 'admin',
      status: 200,
      body: oauthAppUpdateSchema,
      response: oauthAppSchema,
      handler: async ({ auth, params, body }) => {
        const app = await findOAuthApp(deps, auth.organization.id, params.id ?? '');
        return present(auth.organization.id, await updateOAuthApp(deps, app, body));
      },
    }),
    route({
      method: 'delete',
      path: '/v1/oauth-apps/{id}',
      tag: 'OAuth apps',
      summary: 'Remove an app that no connector uses',
      operationId: 'deleteOAuthApp',
      description: 'Removes an app; refused while a connector uses it.',
      errors: [ErrorCode.NotFound, ErrorCode.Conflict],
      auth: 'admin',
      status: 204,
      handler: async ({ auth, params }) =>
        deleteOAuthApp(deps, await findOAuthApp(deps, auth.organization.id, params.id ?? '')),
    }),
  ];
};
