import type { Provider } from '../types.js';

/** Lemon Squeezy: stores, products and orders through the JSON:API v1. */
export const lemonSqueezy: Provider = {
  slug: 'lemon-squeezy',
  name: 'Lemon Squeezy',
  category: 'e-commerce',
  description: 'Merchant of record for digital products: stores, products, orders and subscriptions.',
  domain: 'lemonsqueezy.com',
  aliases: ['LemonSqueezy'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=lemonsqueezy.com&sz=128',
  docsUrl: 'https://docs.lemonsqueezy.com/api',
  apiBaseUrl: 'https://api.lemonsqueezy.com/v1',
  authMethods: [{ kind: 'bearer', label: 'API key' }],
  // X-Signature: the hex HMAC of the body with the webhook's signing secret.
  webhookSignature: { header: 'X-Signature', algorithm: 'sha256', encoding: 'hex' },
  actions: [
    { key: 'me', name: 'Get the authenticated user', method: 'GET', path: '/users/me', verify: true },
    { key: 'list-stores', name: 'List stores', method: 'GET', path: '/stores' },
    { key: 'list-orders', name: 'List orders', method: 'GET', path: '/orders' },
    {
      key: 'get-order',
      name: 'Get an order',
      method: 'GET',
      path: '/orders/{orderId}',
      input: { type: 'object', properties: { orderId: { type: 'string', 'x-in': 'path' } }, required: ['orderId'] },
    },
  ],
};
