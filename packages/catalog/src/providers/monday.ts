import type { Provider } from '../types.js';

/** monday.com: boards and items through its GraphQL API. */
export const monday: Provider = {
  slug: 'monday',
  name: 'monday.com',
  category: 'project-management',
  description: 'Work management: boards, groups, items and updates (GraphQL).',
  domain: 'monday.com',
  aliases: ['monday', 'monday work management'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=monday.com&sz=128',
  docsUrl: 'https://developer.monday.com/api-reference/docs',
  apiBaseUrl: 'https://api.monday.com/v2',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://auth.monday.com/oauth2/authorize',
      tokenUrl: 'https://auth.monday.com/oauth2/token',
      scopes: ['me:read', 'boards:read', 'boards:write'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    // Personal API tokens go in the Authorization header as they are.
    { kind: 'apiKey', label: 'Personal API token', in: 'header', name: 'Authorization' },
  ],
  actions: [
    {
      key: 'graphql',
      name: 'Run a GraphQL query',
      description: 'e.g. { me { id name } } or { boards(limit: 10) { id name } }',
      method: 'POST',
      path: '/',
      input: {
        type: 'object',
        properties: { query: { type: 'string', minLength: 1 }, variables: { type: 'object' } },
        required: ['query'],
      },
    },
  ],
};
