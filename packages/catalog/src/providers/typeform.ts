import type { Provider } from '../types.js';

/** Typeform: forms and their responses. */
export const typeform: Provider = {
  slug: 'typeform',
  name: 'Typeform',
  category: 'productivity',
  description: 'Online forms and surveys: forms, responses and workspaces.',
  domain: 'typeform.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=typeform.com&sz=128',
  docsUrl: 'https://www.typeform.com/developers/get-started/',
  // Accounts in the EU data center use https://api.eu.typeform.com.
  apiBaseUrl: 'https://api.typeform.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://api.typeform.com/oauth/authorize',
      tokenUrl: 'https://api.typeform.com/oauth/token',
      scopes: ['accounts:read', 'forms:read', 'responses:read', 'offline'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Personal access token' },
  ],
  actions: [
    { key: 'me', name: 'Get my account', method: 'GET', path: '/me', verify: true },
    {
      key: 'list-forms',
      name: 'List forms',
      method: 'GET',
      path: '/forms',
      input: {
        type: 'object',
        properties: {
          search: { type: 'string', 'x-in': 'query' },
          page_size: { type: 'integer', minimum: 1, maximum: 200, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-responses',
      name: 'List responses',
      method: 'GET',
      path: '/forms/{formId}/responses',
      input: {
        type: 'object',
        properties: {
          formId: { type: 'string', 'x-in': 'path' },
          page_size: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' },
          since: { type: 'string', 'x-in': 'query' },
        },
        required: ['formId'],
      },
    },
  ],
};
