import type { Provider } from '../types.js';

/** Stripe: customers, charges and balance with a secret or restricted key. */
export const stripe: Provider = {
  slug: 'stripe',
  name: 'Stripe',
  category: 'payments',
  description: 'Online payments: customers, payments, subscriptions and payouts.',
  domain: 'stripe.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=stripe.com&sz=128',
  docsUrl: 'https://docs.stripe.com/api',
  apiBaseUrl: 'https://api.stripe.com',
  authMethods: [{ kind: 'bearer', label: 'Secret or restricted key (sk_… / rk_…)' }],
  openApiUrl: 'https://raw.githubusercontent.com/stripe/openapi/master/openapi/spec3.json',
  // Stripe takes form-encoded bodies and actions send JSON, so the core actions are reads.
  // Stripe-Signature: `t=<unix>,v1=<hex>`, the HMAC of `<t>.<body>` with the endpoint's signing secret.
  webhookSignature: { header: 'Stripe-Signature', algorithm: 'sha256', encoding: 'hex', scheme: 'timestamped' },
  actions: [
    { key: 'get-balance', name: 'Get the balance', method: 'GET', path: '/v1/balance', verify: true },
    {
      key: 'list-customers',
      name: 'List customers',
      method: 'GET',
      path: '/v1/customers',
      input: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
          starting_after: { type: 'string', 'x-in': 'query' },
          email: { type: 'string', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'get-customer',
      name: 'Get a customer',
      method: 'GET',
      path: '/v1/customers/{customerId}',
      input: {
        type: 'object',
        properties: { customerId: { type: 'string', 'x-in': 'path' } },
        required: ['customerId'],
      },
    },
    {
      key: 'list-payment-intents',
      name: 'List payment intents',
      method: 'GET',
      path: '/v1/payment_intents',
      input: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
          customer: { type: 'string', 'x-in': 'query' },
        },
      },
    },
  ],
};
