import type { Provider } from '../types.js';

/** Bitbucket Cloud: the user, repositories and pull requests through the 2.0 API. */
export const bitbucket: Provider = {
  slug: 'bitbucket',
  name: 'Bitbucket',
  category: 'code-hosting',
  description: "Atlassian's Git hosting: workspaces, repositories, pull requests and pipelines.",
  domain: 'bitbucket.org',
  aliases: ['Bitbucket Cloud'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=bitbucket.org&sz=128',
  docsUrl: 'https://developer.atlassian.com/cloud/bitbucket/rest/intro/',
  apiBaseUrl: 'https://api.bitbucket.org/2.0',
  authMethods: [
    // Scopes are set on the OAuth consumer in Bitbucket, not in the request.
    {
      kind: 'oauth2',
      authorizationUrl: 'https://bitbucket.org/site/oauth2/authorize',
      tokenUrl: 'https://bitbucket.org/site/oauth2/access_token',
    },
    { kind: 'basic', label: 'User name and app password' },
    { kind: 'bearer', label: 'Workspace, project or repository access token' },
  ],
  openApiUrl: 'https://api.bitbucket.org/swagger.json',
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/user', verify: true },
    {
      key: 'list-repos',
      name: 'List workspace repositories',
      method: 'GET',
      path: '/repositories/{workspace}',
      input: {
        type: 'object',
        properties: {
          workspace: { type: 'string', description: 'Workspace slug or UUID', 'x-in': 'path' },
          pagelen: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
        },
        required: ['workspace'],
      },
    },
    {
      key: 'list-pull-requests',
      name: 'List pull requests',
      method: 'GET',
      path: '/repositories/{workspace}/{repoSlug}/pullrequests',
      input: {
        type: 'object',
        properties: {
          workspace: { type: 'string', 'x-in': 'path' },
          repoSlug: { type: 'string', 'x-in': 'path' },
          state: { type: 'string', enum: ['OPEN', 'MERGED', 'DECLINED', 'SUPERSEDED'], 'x-in': 'query' },
        },
        required: ['workspace', 'repoSlug'],
      },
    },
  ],
};
