import type { Provider } from '../types.js';

/** Intercom: contacts and conversations through the REST API. */
export const intercom: Provider = {
  slug: 'intercom',
  name: 'Intercom',
  category: 'crm',
  description: 'Customer messaging and support: contacts, conversations and companies.',
  domain: 'intercom.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=intercom.com&sz=128',
  docsUrl: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io',
  apiBaseUrl: 'https://api.intercom.io',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://app.intercom.com/oauth',
      tokenUrl: 'https://api.intercom.io/auth/eagle/token',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Access token' },
  ],
  actions: [
    { key: 'me', name: 'Get the current admin', method: 'GET', path: '/me', verify: true },
    {
      key: 'list-contacts',
      name: 'List contacts',
      method: 'GET',
      path: '/contacts',
      input: {
        type: 'object',
        properties: {
          per_page: { type: 'integer', minimum: 1, maximum: 150, 'x-in': 'query' },
          starting_after: { type: 'string', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'create-contact',
      name: 'Create a contact',
      method: 'POST',
      path: '/contacts',
      input: {
        type: 'object',
        properties: {
          role: { type: 'string', enum: ['user', 'lead'] },
          email: { type: 'string' },
          external_id: { type: 'string' },
          name: { type: 'string' },
        },
      },
    },
    {
      key: 'list-conversations',
      name: 'List conversations',
      method: 'GET',
      path: '/conversations',
      input: {
        type: 'object',
        properties: { per_page: { type: 'integer', minimum: 1, maximum: 150, 'x-in': 'query' } },
      },
    },
  ],
};
