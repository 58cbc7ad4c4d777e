import type { Provider } from '../types.js';

/** FreshBooks: the user's identity, clients and invoices of an account. */
export const freshbooks: Provider = {
  slug: 'freshbooks',
  name: 'FreshBooks',
  category: 'accounting',
  description: 'Invoicing and accounting for small businesses: clients, invoices, expenses and time.',
  domain: 'freshbooks.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=freshbooks.com&sz=128',
  docsUrl: 'https://www.freshbooks.com/api/start',
  apiBaseUrl: 'https://api.freshbooks.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://auth.freshbooks.com/oauth/authorize',
      tokenUrl: 'https://api.freshbooks.com/auth/oauth/token',
      scopes: [
        'user:profile:read',
        'user:clients:read',
        'user:clients:write',
        'user:invoices:read',
        'user:invoices:write',
      ],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
  ],
  actions: [
    { key: 'me', name: 'Get my identity', method: 'GET', path: '/auth/api/v1/users/me', verify: true },
    {
      key: 'list-clients',
      name: 'List clients',
      method: 'GET',
      path: '/accounting/account/{accountId}/users/clients',
      input: {
        type: 'object',
        properties: {
          accountId: {
            type: 'string',
            description: 'From the business memberships of Get my identity',
            'x-in': 'path',
          },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
          per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
        },
        required: ['accountId'],
      },
    },
    {
      key: 'list-invoices',
      name: 'List invoices',
      method: 'GET',
      path: '/accounting/account/{accountId}/invoices/invoices',
      input: {
        type: 'object',
        properties: {
          accountId: { type: 'string', 'x-in': 'path' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
          per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
        },
        required: ['accountId'],
      },
    },
  ],
};
