import type { Provider } from '../types.js';

/** WooCommerce: products and orders of a self-hosted store through the WC REST API v3. */
export const woocommerce: Provider = {
  slug: 'woocommerce',
  name: 'WooCommerce',
  category: 'e-commerce',
  description: 'E-commerce for WordPress: products, orders and customers of a store.',
  domain: 'woocommerce.com',
  aliases: ['Woo', 'WooCommerce REST API'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=woocommerce.com&sz=128',
  docsUrl: 'https://woocommerce.github.io/woocommerce-rest-api-docs/',
  apiBaseUrl: 'https://{storeHost}/wp-json/wc/v3',
  variables: {
    storeHost: {
      label: 'Store host',
      description: "The store's host name (the API needs HTTPS)",
      example: 'shop.example.com',
    },
  },
  authMethods: [{ kind: 'basic', label: 'Consumer key and consumer secret' }],
  actions: [
    { key: 'system-status', name: 'Get the system status', method: 'GET', path: '/system_status', verify: true },
    {
      key: 'list-products',
      name: 'List products',
      method: 'GET',
      path: '/products',
      input: {
        type: 'object',
        properties: {
          per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
          search: { type: 'string', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-orders',
      name: 'List orders',
      method: 'GET',
      path: '/orders',
      input: {
        type: 'object',
        properties: {
          status: { type: 'string', description: 'e.g. processing, completed, any', 'x-in': 'query' },
          per_page: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'get-order',
      name: 'Get an order',
      method: 'GET',
      path: '/orders/{orderId}',
      input: { type: 'object', properties: { orderId: { type: 'integer', 'x-in': 'path' } }, required: ['orderId'] },
    },
  ],
};
