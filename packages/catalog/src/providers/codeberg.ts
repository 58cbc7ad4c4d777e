import type { Provider } from '../types.js';

/** Codeberg: a public Forgejo instance; the same API serves any Gitea or Forgejo server. */
export const codeberg: Provider = {
  slug: 'codeberg',
  name: 'Codeberg',
  category: 'code-hosting',
  description: 'Non-profit Git hosting on Forgejo: repositories, issues and pull requests.',
  domain: 'codeberg.org',
  iconUrl: 'https://www.google.com/s2/favicons?domain=codeberg.org&sz=128',
  docsUrl: 'https://codeberg.org/api/swagger',
  apiBaseUrl: 'https://codeberg.org/api/v1',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://codeberg.org/login/oauth/authorize',
      tokenUrl: 'https://codeberg.org/login/oauth/access_token',
    },
    { kind: 'apiKey', label: 'Access token', in: 'header', name: 'Authorization', prefix: 'token ' },
  ],
  pkce: 'supported',
  openApiUrl: 'https://codeberg.org/swagger.v1.json',
  actions: [
    { key: 'me', name: 'Get the authenticated user', method: 'GET', path: '/user', verify: true },
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
  ],
};
