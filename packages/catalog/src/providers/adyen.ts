import type { Provider } from '../types.js';

/** Adyen: payment methods and payment sessions through the Checkout API (test environment). */
export const adyen: Provider = {
  slug: 'adyen',
  name: 'Adyen',
  category: 'payments',
  description: 'Enterprise payments: checkout sessions, payment methods, payments and refunds.',
  domain: 'adyen.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=adyen.com&sz=128',
  docsUrl: 'https://docs.adyen.com/api-explorer/Checkout/latest/overview',
  // Live accounts use https://{prefix}-checkout-live.adyenpayments.com/checkout/v71 with their own prefix.
  apiBaseUrl: 'https://checkout-test.adyen.com/v71',
  authMethods: [{ kind: 'apiKey', label: 'API key', in: 'header', name: 'X-API-Key' }],
  actions: [
    {
      key: 'list-payment-methods',
      name: 'List payment methods',
      method: 'POST',
      path: '/paymentMethods',
      input: {
        type: 'object',
        properties: {
          merchantAccount: { type: 'string' },
          countryCode: { type: 'string', minLength: 2, maxLength: 2 },
          amount: { type: 'object', description: 'e.g. { "currency": "EUR", "value": 1000 } in minor units' },
        },
        required: ['merchantAccount'],
      },
    },
    {
      key: 'create-session',
      name: 'Create a checkout session',
      method: 'POST',
      path: '/sessions',
      input: {
        type: 'object',
        properties: {
          merchantAccount: { type: 'string' },
          amount: { type: 'object', description: 'e.g. { "currency": "EUR", "value": 1000 } in minor units' },
          reference: { type: 'string' },
          returnUrl: { type: 'string' },
          countryCode: { type: 'string' },
        },
        required: ['merchantAccount', 'amount', 'reference', 'returnUrl'],
      },
    },
  ],
};
