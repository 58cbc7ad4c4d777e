import type { Provider } from '../types.js';

/** QuickBooks Online: company info, queries and customers through the v3 Accounting API. */
export const quickbooks: Provider = {
  slug: 'quickbooks',
  name: 'QuickBooks Online',
  category: 'accounting',
  description: "Intuit's accounting: customers, invoices, payments and reports.",
  domain: 'quickbooks.intuit.com',
  aliases: ['QuickBooks', 'QBO', 'Intuit QuickBooks'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=quickbooks.intuit.com&sz=128',
  docsUrl: 'https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/account',
  // Sandbox companies use https://sandbox-quickbooks.api.intuit.com.
  apiBaseUrl: 'https://quickbooks.api.intuit.com/v3',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://appcenter.intuit.com/connect/oauth2',
      tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
      revocationUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
      scopes: ['com.intuit.quickbooks.accounting'],
      scopeSeparator: ' ',
    },
  ],
  actions: [
    {
      key: 'get-company-info',
      name: 'Get company info',
      method: 'GET',
      path: '/company/{realmId}/companyinfo/{companyId}',
      input: {
        type: 'object',
        properties: {
          realmId: { type: 'string', description: 'The company ID (realmId) from the authorization', 'x-in': 'path' },
          companyId: { type: 'string', description: 'The same realmId again', 'x-in': 'path' },
        },
        required: ['realmId', 'companyId'],
      },
    },
    {
      key: 'query',
      name: 'Run a query',
      method: 'GET',
      path: '/company/{realmId}/query',
      input: {
        type: 'object',
        properties: {
          realmId: { type: 'string', 'x-in': 'path' },
          query: { type: 'string', description: 'e.g. select * from Customer maxresults 10', 'x-in': 'query' },
        },
        required: ['realmId', 'query'],
      },
    },
    {
      key: 'create-customer',
      name: 'Create a customer',
      method: 'POST',
      path: '/company/{realmId}/customer',
      input: {
        type: 'object',
        properties: {
          realmId: { type: 'string', 'x-in': 'path' },
          DisplayName: { type: 'string' },
          PrimaryEmailAddr: { type: 'object', description: 'e.g. { "Address": "ada@example.com" }' },
        },
        required: ['realmId', 'DisplayName'],
      },
    },
  ],
};
