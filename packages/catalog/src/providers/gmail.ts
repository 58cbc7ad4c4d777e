import type { Provider } from '../types.js';

/** Gmail: the signed-in user's mailbox through the Gmail API. */
export const gmail: Provider = {
  slug: 'gmail',
  name: 'Gmail',
  category: 'email',
  description: "Google's e-mail: read and search the user's messages and labels.",
  domain: 'mail.google.com',
  aliases: ['Google Mail', 'Gmail API'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=mail.google.com&sz=128',
  docsUrl: 'https://developers.google.com/workspace/gmail/api/reference/rest',
  apiBaseUrl: 'https://gmail.googleapis.com/gmail/v1',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      revocationUrl: 'https://oauth2.googleapis.com/revoke',
      scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
    },
  ],
  pkce: 'supported',
  actions: [
    { key: 'get-profile', name: 'Get the mailbox profile', method: 'GET', path: '/users/me/profile', verify: true },
    {
      key: 'list-messages',
      name: 'List messages',
      method: 'GET',
      path: '/users/me/messages',
      input: {
        type: 'object',
        properties: {
          q: { type: 'string', description: 'Gmail search, e.g. from:ada@example.com is:unread', 'x-in': 'query' },
          maxResults: { type: 'integer', minimum: 1, maximum: 500, 'x-in': 'query' },
          pageToken: { type: 'string', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'get-message',
      name: 'Get a message',
      method: 'GET',
      path: '/users/me/messages/{messageId}',
      input: {
        type: 'object',
        properties: {
          messageId: { type: 'string', 'x-in': 'path' },
          format: { type: 'string', enum: ['minimal', 'full', 'raw', 'metadata'], 'x-in': 'query' },
        },
        required: ['messageId'],
      },
    },
  ],
};
