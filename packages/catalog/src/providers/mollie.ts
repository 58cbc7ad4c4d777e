import type { Provider } from '../types.js';

/** Mollie: payments through the v2 API with an API key or Mollie Connect (OAuth). */
export const mollie: Provider = {
  slug: 'mollie',
  name: 'Mollie',
  category: 'payments',
  description: 'European online payments: payments, refunds, customers and subscriptions.',
  domain: 'mollie.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=mollie.com&sz=128',
  docsUrl: 'https://docs.mollie.com/reference/overview',
  apiBaseUrl: 'https://api.mollie.com/v2',
  authMethods: [
    { kind: 'bearer', label: 'API key (live_… / test_…)' },
    {
      kind: 'oauth2',
      label: 'Mollie Connect',
      authorizationUrl: 'https://my.mollie.com/oauth2/authorize',
      tokenUrl: 'https://api.mollie.com/oauth2/tokens',
      scopes: ['payments.read', 'payments.write', 'organizations.read'],
      scopeSeparator: ' ',
    },
  ],
  actions: [
    {
      key: 'list-payments',
      name: 'List payments',
      method: 'GET',
      path: '/payments',
      verify: true,
      input: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, maximum: 250, 'x-in': 'query' } },
      },
    },
    {
      key: 'get-payment',
      name: 'Get a payment',
      method: 'GET',
      path: '/payments/{paymentId}',
      input: {
        type: 'object',
        properties: { paymentId: { type: 'string', 'x-in': 'path' } },
        required: ['paymentId'],
      },
    },
    {
      key: 'create-payment',
      name: 'Create a payment',
      method: 'POST',
      path: '/payments',
      input: {
        type: 'object',
        properties: {
          amount: {
            type: 'object',
            description: 'e.g. { "currency": "EUR", "value": "10.00" }',
            properties: { currency: { type: 'string' }, value: { type: 'string' } },
            required: ['currency', 'value'],
          },
          description: { type: 'string' },
          redirectUrl: { type: 'string' },
        },
        required: ['amount', 'description'],
      },
    },
  ],
};
