import type { Provider } from '../types.js';

/** Asana: workspaces and tasks through the 1.0 API (bodies wrapped in `data`). */
export const asana: Provider = {
  slug: 'asana',
  name: 'Asana',
  category: 'project-management',
  description: 'Work management: workspaces, projects, tasks and comments.',
  domain: 'asana.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=asana.com&sz=128',
  docsUrl: 'https://developers.asana.com/reference/rest-api-reference',
  apiBaseUrl: 'https://app.asana.com/api/1.0',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://app.asana.com/-/oauth_authorize',
      tokenUrl: 'https://app.asana.com/-/oauth_token',
      revocationUrl: 'https://app.asana.com/-/oauth_revoke',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Personal access token' },
  ],
  pkce: 'supported',
  openApiUrl: 'https://raw.githubusercontent.com/Asana/openapi/master/defs/asana_oas.yaml',
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/users/me', verify: true },
    { key: 'list-workspaces', name: 'List workspaces', method: 'GET', path: '/workspaces' },
    {
      key: 'list-tasks',
      name: 'List tasks',
      method: 'GET',
      path: '/tasks',
      input: {
        type: 'object',
        properties: {
          project: { type: 'string', description: 'A project GID; or assignee with workspace', 'x-in': 'query' },
          assignee: { type: 'string', description: 'e.g. me', 'x-in': 'query' },
          workspace: { type: 'string', 'x-in': 'query' },
          limit: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'create-task',
      name: 'Create a task',
      method: 'POST',
      path: '/tasks',
      input: {
        type: 'object',
        properties: {
          data: {
            type: 'object',
            description: 'e.g. { "name": "Write report", "workspace": "…", "projects": ["…"] }',
            properties: {
              name: { type: 'string' },
              notes: { type: 'string' },
              workspace: { type: 'string' },
              projects: { type: 'array', items: { type: 'string' } },
              assignee: { type: 'string' },
              due_on: { type: 'string' },
            },
          },
        },
        required: ['data'],
      },
    },
  ],
};
