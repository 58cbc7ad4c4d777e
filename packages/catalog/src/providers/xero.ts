import type { Provider } from '../types.js';

/** Xero: contacts and invoices of the connected organisation through the Accounting API. */
export const xero: Provider = {
  slug: 'xero',
  name: 'Xero',
  category: 'accounting',
  description: 'Small-business accounting: contacts, invoices, payments and bank transactions.',
  domain: 'xero.com',
  aliases: ['Xero Accounting'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=xero.com&sz=128',
  docsUrl: 'https://developer.xero.com/documentation/api/accounting/overview',
  apiBaseUrl: 'https://api.xero.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://login.xero.com/identity/connect/authorize',
      tokenUrl: 'https://identity.xero.com/connect/token',
      revocationUrl: 'https://identity.xero.com/connect/revocation',
      scopes: ['offline_access', 'accounting.contacts', 'accounting.settings.read'],
      scopeSeparator: ' ',
    },
  ],
  pkce: 'supported',
  openApiUrl: 'https://raw.githubusercontent.com/XeroAPI/Xero-OpenAPI/master/xero_accounting.yaml',
  actions: [
    {
      key: 'list-connections',
      name: 'List connected organisations',
      method: 'GET',
      path: '/connections',
      verify: true,
    },
    {
      key: 'list-contacts',
      name: 'List contacts',
      method: 'GET',
      path: '/api.xro/2.0/Contacts',
      input: {
        type: 'object',
        properties: {
          'xero-tenant-id': {
            type: 'string',
            description: 'A tenantId from List connected organisations',
            'x-in': 'header',
          },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
          where: { type: 'string', description: 'e.g. ContactStatus=="ACTIVE"', 'x-in': 'query' },
        },
        required: ['xero-tenant-id'],
      },
    },
    {
      key: 'list-invoices',
      name: 'List invoices',
      method: 'GET',
      path: '/api.xro/2.0/Invoices',
      input: {
        type: 'object',
        properties: {
          'xero-tenant-id': { type: 'string', 'x-in': 'header' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
          Statuses: { type: 'string', description: 'Comma-separated, e.g. AUTHORISED,PAID', 'x-in': 'query' },
        },
        required: ['xero-tenant-id'],
      },
    },
  ],
};
