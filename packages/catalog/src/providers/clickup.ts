import type { Provider } from '../types.js';

/** ClickUp: the user, workspaces (teams) and tasks through the v2 API. */
export const clickup: Provider = {
  slug: 'clickup',
  name: 'ClickUp',
  category: 'project-management',
  description: 'Project management: workspaces, spaces, lists and tasks.',
  domain: 'clickup.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=clickup.com&sz=128',
  docsUrl: 'https://developer.clickup.com/reference',
  apiBaseUrl: 'https://api.clickup.com/api/v2',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://app.clickup.com/api',
      tokenUrl: 'https://api.clickup.com/api/v2/oauth/token',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    // Personal tokens (pk_…) go in the Authorization header as they are.
    { kind: 'apiKey', label: 'Personal API token', in: 'header', name: 'Authorization' },
  ],
  actions: [
    { key: 'me', name: 'Get the authorized user', method: 'GET', path: '/user', verify: true },
    { key: 'list-workspaces', name: 'List workspaces', method: 'GET', path: '/team' },
    {
      key: 'list-tasks',
      name: 'List tasks in a list',
      method: 'GET',
      path: '/list/{listId}/task',
      input: {
        type: 'object',
        properties: {
          listId: { type: 'string', 'x-in': 'path' },
          page: { type: 'integer', minimum: 0, 'x-in': 'query' },
          include_closed: { type: 'boolean', 'x-in': 'query' },
        },
        required: ['listId'],
      },
    },
    {
      key: 'create-task',
      name: 'Create a task',
      method: 'POST',
      path: '/list/{listId}/task',
      input: {
        type: 'object',
        properties: {
          listId: { type: 'string', 'x-in': 'path' },
          name: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          assignees: { type: 'array', items: { type: 'integer' } },
          due_date: { type: 'integer', description: 'Unix time in milliseconds' },
        },
        required: ['listId', 'name'],
      },
    },
  ],
};
