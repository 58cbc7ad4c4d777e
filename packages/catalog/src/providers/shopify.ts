import type { Provider } from '../types.js';

/** Shopify: the shop, products and orders through the Admin REST API of one shop. */
export const shopify: Provider = {
  slug: 'shopify',
  name: 'Shopify',
  category: 'e-commerce',
  description: 'E-commerce platform: products, orders, customers and inventory of a shop.',
  domain: 'shopify.com',
  aliases: ['myshopify', 'Shopify Admin'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=shopify.com&sz=128',
  docsUrl: 'https://shopify.dev/docs/api/admin-rest',
  apiBaseUrl: 'https://{shop}.myshopify.com/admin/api/2025-10',
  variables: {
    shop: { label: 'Shop', description: "The shop's subdomain, the part before .myshopify.com", example: 'acme-store' },
  },
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://{shop}.myshopify.com/admin/oauth/authorize',
      tokenUrl: 'https://{shop}.myshopify.com/admin/oauth/access_token',
      scopes: ['read_products', 'read_orders', 'read_customers'],
      scopeSeparator: ',',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'apiKey', label: 'Admin API access token', in: 'header', name: 'X-Shopify-Access-Token' },
  ],
  // X-Shopify-Hmac-Sha256: the base64 HMAC of the body with the app's client secret.
  webhookSignature: { header: 'X-Shopify-Hmac-Sha256', algorithm: 'sha256', encoding: 'base64' },
  actions: [
    { key: 'get-shop', name: 'Get the shop', method: 'GET', path: '/shop.json', verify: true },
    {
      key: 'list-products',
      name: 'List products',
      method: 'GET',
      path: '/products.json',
      input: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 250, 'x-in': 'query' },
          status: { type: 'string', enum: ['active', 'archived', 'draft'], 'x-in': 'query' },
        },
      },
    },
    {
      key: 'get-product',
      name: 'Get a product',
      method: 'GET',
      path: '/products/{productId}.json',
      input: { type: 'object', properties: { productId: { type: 'string', 'x-in': 'path' } }, required: ['productId'] },
    },
    {
      key: 'list-orders',
      name: 'List orders',
      method: 'GET',
      path: '/orders.json',
      input: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['open', 'closed', 'cancelled', 'any'], 'x-in': 'query' },
          limit: { type: 'integer', minimum: 1, maximum: 250, 'x-in': 'query' },
        },
      },
    },
  ],
};
