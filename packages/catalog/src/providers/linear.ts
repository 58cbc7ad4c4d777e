import type { Provider } from '../types.js';

/** Linear: issues and teams through its GraphQL API. */
export const linear: Provider = {
  slug: 'linear',
  name: 'Linear',
  category: 'project-management',
  description: 'Issue tracking for software teams: issues, projects, cycles and teams (GraphQL).',
  domain: 'linear.app',
  iconUrl: 'https://www.google.com/s2/favicons?domain=linear.app&sz=128',
  docsUrl: 'https://linear.app/developers/graphql',
  apiBaseUrl: 'https://api.linear.app',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://linear.app/oauth/authorize',
      tokenUrl: 'https://api.linear.app/oauth/token',
      revocationUrl: 'https://api.linear.app/oauth/revoke',
      scopes: ['read', 'write'],
      scopeSeparator: ',',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    // Personal API keys go in the Authorization header as they are, without "Bearer".
    { kind: 'apiKey', label: 'Personal API key', in: 'header', name: 'Authorization' },
  ],
  pkce: 'supported',
  actions: [
    {
      key: 'graphql',
      name: 'Run a GraphQL query',
      description: 'e.g. { viewer { id name email } } or { issues(first: 20) { nodes { identifier title } } }',
      method: 'POST',
      path: '/graphql',
      input: {
        type: 'object',
        properties: { query: { type: 'string', minLength: 1 }, variables: { type: 'object' } },
        required: ['query'],
      },
    },
  ],
};
