import type { Provider } from '../types.js';

/** Square: locations, payments and customers through the Connect v2 API. */
export const square: Provider = {
  slug: 'square',
  name: 'Square',
  category: 'payments',
  description: 'Payments and point of sale: locations, payments, customers and catalog.',
  domain: 'squareup.com',
  aliases: ['Square Payments'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=squareup.com&sz=128',
  docsUrl: 'https://developer.squareup.com/reference/square',
  apiBaseUrl: 'https://connect.squareup.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://connect.squareup.com/oauth2/authorize',
      tokenUrl: 'https://connect.squareup.com/oauth2/token',
      scopes: ['MERCHANT_PROFILE_READ', 'PAYMENTS_READ', 'CUSTOMERS_READ', 'CUSTOMERS_WRITE'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Personal access token' },
  ],
  pkce: 'supported',
  openApiUrl: 'https://raw.githubusercontent.com/square/connect-api-specification/master/api.json',
  actions: [
    { key: 'list-locations', name: 'List locations', method: 'GET', path: '/v2/locations', verify: true },
    {
      key: 'list-payments',
      name: 'List payments',
      method: 'GET',
      path: '/v2/payments',
      input: {
        type: 'object',
        properties: {
          begin_time: { type: 'string', description: 'RFC 3339', 'x-in': 'query' },
          cursor: { type: 'string', 'x-in': 'query' },
          location_id: { type: 'string', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'create-customer',
      name: 'Create a customer',
      method: 'POST',
      path: '/v2/customers',
      input: {
        type: 'object',
        properties: {
          given_name: { type: 'string' },
          family_name: { type: 'string' },
          email_address: { type: 'string' },
          phone_number: { type: 'string' },
        },
      },
    },
  ],
};
