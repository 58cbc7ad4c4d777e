import type { Provider } from '../types.js';

/** GitLab.com: the user, projects and issues through the v4 REST API. */
export const gitlab: Provider = {
  slug: 'gitlab',
  name: 'GitLab',
  category: 'code-hosting',
  description: 'DevSecOps platform: projects, issues, merge requests and pipelines.',
  domain: 'gitlab.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=gitlab.com&sz=128',
  docsUrl: 'https://docs.gitlab.com/api/rest/',
  apiBaseUrl: 'https://gitlab.com/api/v4',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://gitlab.com/oauth/authorize',
      tokenUrl: 'https://gitlab.com/oauth/token',
      revocationUrl: 'https://gitlab.com/oauth/revoke',
      scopes: ['api', 'read_user'],
      scopeSeparator: ' ',
    },
    { kind: 'apiKey', label: 'Personal access token', in: 'header', name: 'PRIVATE-TOKEN' },
  ],
  pkce: 'supported',
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/user', verify: true },
    {
      key: 'list-projects',
      name: 'List my projects',
      method: 'GET',
      path: '/projects',
      input: {
        type: 'object',
        properties: {
          membership: { type: 'boolean', 'x-in': 'query' },
          search: { type: 'string', 'x-in': 'query' },
          per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-issues',
      name: 'List project issues',
      method: 'GET',
      path: '/projects/{projectId}/issues',
      input: {
        type: 'object',
        properties: {
          projectId: {
            type: 'string',
            description: 'Numeric ID or URL-encoded path, e.g. group/project',
            'x-in': 'path',
          },
          state: { type: 'string', enum: ['opened', 'closed', 'all'], 'x-in': 'query' },
        },
        required: ['projectId'],
      },
    },
    {
      key: 'create-issue',
      name: 'Create an issue',
      method: 'POST',
      path: '/projects/{projectId}/issues',
      input: {
        type: 'object',
        properties: {
          projectId: { type: 'string', 'x-in': 'path' },
          title: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          labels: { type: 'string', description: 'Comma-separated label names' },
        },
        required: ['projectId', 'title'],
      },
    },
  ],
};
