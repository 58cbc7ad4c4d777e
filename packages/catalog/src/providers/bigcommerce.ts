import type { Provider } from '../types.js';

/** BigCommerce: store information, catalog and customers of one store. */
export const bigcommerce: Provider = {
  slug: 'bigcommerce',
  name: 'BigCommerce',
  category: 'e-commerce',
  description: 'E-commerce platform: catalog products, orders and customers of a store.',
  domain: 'bigcommerce.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=bigcommerce.com&sz=128',
  docsUrl: 'https://developer.bigcommerce.com/docs/rest-management',
  apiBaseUrl: 'https://api.bigcommerce.com/stores/{storeHash}',
  variables: {
    storeHash: {
      label: 'Store hash',
      pattern: '[a-z0-9]+',
      description: 'The store hash from the API path shown with the store API account',
      example: 'abc123def',
    },
  },
  authMethods: [{ kind: 'apiKey', label: 'Store API account access token', in: 'header', name: 'X-Auth-Token' }],
  actions: [
    { key: 'get-store', name: 'Get store information', method: 'GET', path: '/v2/store', verify: true },
    {
      key: 'list-products',
      name: 'List products',
      method: 'GET',
      path: '/v3/catalog/products',
      input: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 250, 'x-in': 'query' },
          page: { type: 'integer', minimum: 1, 'x-in': 'query' },
          keyword: { type: 'string', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'get-product',
      name: 'Get a product',
      method: 'GET',
      path: '/v3/catalog/products/{productId}',
      input: {
        type: 'object',
        properties: { productId: { type: 'integer', 'x-in': 'path' } },
        required: ['productId'],
      },
    },
    {
      key: 'list-customers',
      name: 'List customers',
      method: 'GET',
      path: '/v3/customers',
      input: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, maximum: 250, 'x-in': 'query' } },
      },
    },
  ],
};
