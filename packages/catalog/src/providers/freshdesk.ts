import type { Provider } from '../types.js';

/** Freshdesk: tickets and contacts on the account's helpdesk domain. */
export const freshdesk: Provider = {
  slug: 'freshdesk',
  name: 'Freshdesk',
  category: 'crm',
  description: 'Helpdesk software: tickets, contacts and companies.',
  domain: 'freshdesk.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=freshdesk.com&sz=128',
  docsUrl: 'https://developers.freshdesk.com/api/',
  apiBaseUrl: 'https://{domain}.freshdesk.com/api/v2',
  variables: {
    domain: {
      label: 'Helpdesk name',
      description: 'The helpdesk name, the part before .freshdesk.com',
      example: 'acme',
    },
  },
  // The API key is the user name; the password is ignored (any value, e.g. "X").
  authMethods: [{ kind: 'basic', label: 'API key as user name, any password' }],
  actions: [
    { key: 'me', name: 'Get the current agent', method: 'GET', path: '/agents/me', verify: true },
    {
      key: 'list-tickets',
      name: 'List tickets',
      method: 'GET',
      path: '/tickets',
      input: {
        type: 'object',
        properties: {
          per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'create-ticket',
      name: 'Create a ticket',
      method: 'POST',
      path: '/tickets',
      input: {
        type: 'object',
        properties: {
          subject: { type: 'string' },
          description: { type: 'string', description: 'HTML content of the ticket' },
          email: { type: 'string' },
          priority: { type: 'integer', enum: [1, 2, 3, 4] },
          status: { type: 'integer', enum: [2, 3, 4, 5] },
        },
        required: ['subject', 'description', 'email', 'priority', 'status'],
      },
    },
  ],
};
