import type { Provider } from '../types.js';

/** Zendesk Support: tickets and users on the account's subdomain. */
export const zendesk: Provider = {
  slug: 'zendesk',
  name: 'Zendesk',
  category: 'crm',
  description: 'Customer service platform: tickets, users and organizations.',
  domain: 'zendesk.com',
  aliases: ['Zendesk Support'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=zendesk.com&sz=128',
  docsUrl: 'https://developer.zendesk.com/api-reference/',
  apiBaseUrl: 'https://{subdomain}.zendesk.com/api/v2',
  variables: {
    subdomain: {
      label: 'Subdomain',
      description: 'The account subdomain, the part before .zendesk.com',
      example: 'acme',
    },
  },
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://{subdomain}.zendesk.com/oauth/authorizations/new',
      tokenUrl: 'https://{subdomain}.zendesk.com/oauth/tokens',
      scopes: ['read', 'write'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'basic', label: 'Email/token and API token' },
  ],
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/users/me', verify: true },
    {
      key: 'list-tickets',
      name: 'List tickets',
      method: 'GET',
      path: '/tickets',
      input: {
        type: 'object',
        properties: { per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' } },
      },
    },
    {
      key: 'get-ticket',
      name: 'Get a ticket',
      method: 'GET',
      path: '/tickets/{ticketId}',
      input: { type: 'object', properties: { ticketId: { type: 'integer', 'x-in': 'path' } }, required: ['ticketId'] },
    },
    {
      key: 'create-ticket',
      name: 'Create a ticket',
      method: 'POST',
      path: '/tickets',
      input: {
        type: 'object',
        properties: {
          ticket: {
            type: 'object',
            description: 'e.g. { "subject": "Help", "comment": { "body": "…" }, "priority": "normal" }',
            properties: { subject: { type: 'string' }, comment: { type: 'object' } },
            required: ['comment'],
          },
        },
        required: ['ticket'],
      },
    },
  ],
};
