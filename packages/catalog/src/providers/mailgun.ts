import type { Provider } from '../types.js';

/** Mailgun: sending domains and delivery events (US region). */
export const mailgun: Provider = {
  slug: 'mailgun',
  name: 'Mailgun',
  category: 'email',
  description: 'E-mail API: sending domains, events, suppressions and mailing lists.',
  domain: 'mailgun.com',
  aliases: ['Sinch Mailgun'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=mailgun.com&sz=128',
  docsUrl: 'https://documentation.mailgun.com/docs/mailgun/api-reference/',
  // EU accounts use https://api.eu.mailgun.net.
  apiBaseUrl: 'https://api.mailgun.net',
  // User name "api", the API key as password.
  authMethods: [{ kind: 'basic', label: 'User name "api", API key as password' }],
  // Sending takes multipart/form-data and actions send JSON, so the core actions are reads.
  actions: [
    { key: 'list-domains', name: 'List domains', method: 'GET', path: '/v3/domains', verify: true },
    {
      key: 'list-events',
      name: 'List events',
      method: 'GET',
      path: '/v3/{domain}/events',
      input: {
        type: 'object',
        properties: {
          domain: { type: 'string', description: 'A sending domain, e.g. mg.example.com', 'x-in': 'path' },
          event: { type: 'string', description: 'e.g. delivered, failed, opened', 'x-in': 'query' },
          limit: { type: 'integer', minimum: 1, maximum: 300, 'x-in': 'query' },
        },
        required: ['domain'],
      },
    },
  ],
};
