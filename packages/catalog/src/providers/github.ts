import type { Provider } from '../types.js';

/** GitHub: the user, repositories and issues through the REST API. */
export const github: Provider = {
  slug: 'github',
  name: 'GitHub',
  category: 'code-hosting',
  description: 'Code hosting: repositories, issues, pull requests and actions.',
  domain: 'github.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=github.com&sz=128',
  docsUrl: 'https://docs.github.com/en/rest',
  apiBaseUrl: 'https://api.github.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://github.com/login/oauth/authorize',
      tokenUrl: 'https://github.com/login/oauth/access_token',
      scopes: ['repo', 'read:user'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Personal access token' },
  ],
  pkce: 'supported',
  openApiUrl:
    'https://raw.githubusercontent.com/github/rest-api-description/main/descriptions/api.github.com/api.github.com.json',
  // GitHub signs with the webhook's secret in X-Hub-Signature-256: `sha256=` and the hex HMAC of the body.
  webhookSignature: { header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
  actions: [
    { key: 'me', name: 'Get the authenticated user', method: 'GET', path: '/user', verify: true },
    {
      key: 'list-repos',
      name: 'List my repositories',
      method: 'GET',
      path: '/user/repos',
      input: {
        type: 'object',
        properties: {
          per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
          sort: { type: 'string', enum: ['created', 'updated', 'pushed', 'full_name'], 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-issues',
      name: 'List repository issues',
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues',
      input: {
        type: 'object',
        properties: {
          owner: { type: 'string', 'x-in': 'path' },
          repo: { type: 'string', 'x-in': 'path' },
          state: { type: 'string', enum: ['open', 'closed', 'all'], 'x-in': 'query' },
        },
        required: ['owner', 'repo'],
      },
    },
    {
      key: 'create-issue',
      name: 'Create an issue',
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues',
      input: {
        type: 'object',
        properties: {
          owner: { type: 'string', 'x-in': 'path' },
          repo: { type: 'string', 'x-in': 'path' },
          title: { type: 'string', minLength: 1 },
          body: { type: 'string' },
          labels: { type: 'array', items: { type: 'string' } },
        },
        required: ['owner', 'repo', 'title'],
      },
    },
  ],
};
