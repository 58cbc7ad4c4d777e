import type { Provider } from '../types.js';

/** Webex: rooms (spaces) and messages through the Webex REST API. */
export const webex: Provider = {
  slug: 'webex',
  name: 'Webex',
  category: 'chat',
  description: 'Cisco Webex messaging and meetings: spaces, messages and people.',
  domain: 'webex.com',
  aliases: ['Cisco Webex', 'Webex Teams'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=webex.com&sz=128',
  docsUrl: 'https://developer.webex.com/docs/api/getting-started',
  apiBaseUrl: 'https://webexapis.com/v1',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://webexapis.com/v1/authorize',
      tokenUrl: 'https://webexapis.com/v1/access_token',
      scopes: ['spark:people_read', 'spark:rooms_read', 'spark:messages_write'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Bot or personal access token' },
  ],
  actions: [
    { key: 'me', name: 'Get my details', method: 'GET', path: '/people/me', verify: true },
    {
      key: 'list-rooms',
      name: 'List spaces',
      method: 'GET',
      path: '/rooms',
      input: {
        type: 'object',
        properties: { max: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' } },
      },
    },
    {
      key: 'send-message',
      name: 'Send a message',
      method: 'POST',
      path: '/messages',
      input: {
        type: 'object',
        properties: {
          roomId: { type: 'string' },
          toPersonEmail: { type: 'string' },
          text: { type: 'string' },
          markdown: { type: 'string' },
        },
      },
    },
  ],
};
