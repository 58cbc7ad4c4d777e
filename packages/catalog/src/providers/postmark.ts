import type { Provider } from '../types.js';

/** Postmark: transactional e-mail with a server token. */
export const postmark: Provider = {
  slug: 'postmark',
  name: 'Postmark',
  category: 'email',
  description: 'Transactional e-mail delivery: send messages and search outbound mail.',
  domain: 'postmarkapp.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=postmarkapp.com&sz=128',
  docsUrl: 'https://postmarkapp.com/developer',
  apiBaseUrl: 'https://api.postmarkapp.com',
  authMethods: [{ kind: 'apiKey', label: 'Server API token', in: 'header', name: 'X-Postmark-Server-Token' }],
  actions: [
    { key: 'get-server', name: 'Get the server', method: 'GET', path: '/server', verify: true },
    {
      key: 'send-email',
      name: 'Send an e-mail',
      method: 'POST',
      path: '/email',
      input: {
        type: 'object',
        properties: {
          From: { type: 'string' },
          To: { type: 'string', description: 'Comma-separated, at most 50 recipients' },
          Subject: { type: 'string' },
          TextBody: { type: 'string' },
          HtmlBody: { type: 'string' },
          MessageStream: { type: 'string', description: 'Defaults to "outbound"' },
        },
        required: ['From', 'To'],
      },
    },
    {
      key: 'search-outbound',
      name: 'Search sent messages',
      method: 'GET',
      path: '/messages/outbound',
      input: {
        type: 'object',
        properties: {
          count: { type: 'integer', minimum: 1, maximum: 500, 'x-in': 'query' },
          offset: { type: 'integer', minimum: 0, 'x-in': 'query' },
          recipient: { type: 'string', 'x-in': 'query' },
        },
        required: ['count', 'offset'],
      },
    },
  ],
};
