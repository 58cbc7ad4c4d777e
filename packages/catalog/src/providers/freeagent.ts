import type { Provider } from '../types.js';

/** FreeAgent: company, contacts and invoices through the v2 API. */
export const freeagent: Provider = {
  slug: 'freeagent',
  name: 'FreeAgent',
  category: 'accounting',
  description: 'Accounting for freelancers and small businesses: contacts, invoices, bills and bank feeds.',
  domain: 'freeagent.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=freeagent.com&sz=128',
  docsUrl: 'https://dev.freeagent.com/docs',
  // The sandbox is https://api.sandbox.freeagent.com/v2.
  apiBaseUrl: 'https://api.freeagent.com/v2',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://api.freeagent.com/v2/approve_app',
      tokenUrl: 'https://api.freeagent.com/v2/token_endpoint',
    },
  ],
  actions: [
    { key: 'get-company', name: 'Get the company', method: 'GET', path: '/company', verify: true },
    {
      key: 'list-contacts',
      name: 'List contacts',
      method: 'GET',
      path: '/contacts',
      input: {
        type: 'object',
        properties: {
          view: { type: 'string', enum: ['all', 'active', 'clients', 'suppliers'], 'x-in': 'query' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-invoices',
      name: 'List invoices',
      method: 'GET',
      path: '/invoices',
      input: {
        type: 'object',
        properties: {
          view: { type: 'string', description: 'e.g. all, open, overdue, draft, last_3_months', 'x-in': 'query' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
        },
      },
    },
  ],
};
