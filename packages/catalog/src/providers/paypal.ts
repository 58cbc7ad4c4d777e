import type { Provider } from '../types.js';

/** PayPal: orders and transactions through the REST APIs. */
export const paypal: Provider = {
  slug: 'paypal',
  name: 'PayPal',
  category: 'payments',
  description: 'Online payments: checkout orders, captures, refunds and transaction reports.',
  domain: 'paypal.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=paypal.com&sz=128',
  docsUrl: 'https://developer.paypal.com/api/rest/',
  apiBaseUrl: 'https://api-m.paypal.com',
  // REST calls use an access token the app gets with its client credentials (POST /v1/oauth2/token).
  authMethods: [{ kind: 'bearer', label: 'Access token' }],
  openApiUrl:
    'https://raw.githubusercontent.com/paypal/paypal-rest-api-specifications/main/openapi/checkout_orders_v2.json',
  actions: [
    {
      key: 'create-order',
      name: 'Create an order',
      method: 'POST',
      path: '/v2/checkout/orders',
      input: {
        type: 'object',
        properties: {
          intent: { type: 'string', enum: ['CAPTURE', 'AUTHORIZE'] },
          purchase_units: {
            type: 'array',
            description: 'e.g. [{ "amount": { "currency_code": "USD", "value": "10.00" } }]',
            items: { type: 'object' },
          },
        },
        required: ['intent', 'purchase_units'],
      },
    },
    {
      key: 'get-order',
      name: 'Get an order',
      method: 'GET',
      path: '/v2/checkout/orders/{orderId}',
      input: { type: 'object', properties: { orderId: { type: 'string', 'x-in': 'path' } }, required: ['orderId'] },
    },
    {
      key: 'list-transactions',
      name: 'List transactions',
      method: 'GET',
      path: '/v1/reporting/transactions',
      input: {
        type: 'object',
        properties: {
          start_date: { type: 'string', description: 'ISO 8601, e.g. 2025-01-01T00:00:00Z', 'x-in': 'query' },
          end_date: { type: 'string', description: 'At most 31 days after start_date', 'x-in': 'query' },
        },
        required: ['start_date', 'end_date'],
      },
    },
  ],
};
