import type { Provider } from '../types.js';

/** Twilio SendGrid: transactional mail and marketing contacts through the v3 API. */
export const sendgrid: Provider = {
  slug: 'sendgrid',
  name: 'SendGrid',
  category: 'email',
  description: 'Transactional and marketing e-mail: send mail, manage contacts and read stats.',
  domain: 'sendgrid.com',
  aliases: ['Twilio SendGrid'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=sendgrid.com&sz=128',
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference',
  apiBaseUrl: 'https://api.sendgrid.com',
  authMethods: [{ kind: 'bearer', label: 'API key (SG.…)' }],
  actions: [
    { key: 'list-scopes', name: "List the key's scopes", method: 'GET', path: '/v3/scopes', verify: true },
    {
      key: 'send-mail',
      name: 'Send an e-mail',
      method: 'POST',
      path: '/v3/mail/send',
      input: {
        type: 'object',
        properties: {
          personalizations: {
            type: 'array',
            description: 'e.g. [{ "to": [{ "email": "ada@example.com" }] }]',
            items: { type: 'object' },
          },
          from: { type: 'object', description: 'e.g. { "email": "hello@example.com", "name": "Example" }' },
          subject: { type: 'string' },
          content: {
            type: 'array',
            description: 'e.g. [{ "type": "text/plain", "value": "Hello" }]',
            items: { type: 'object' },
          },
        },
        required: ['personalizations', 'from'],
      },
    },
    {
      key: 'upsert-contacts',
      name: 'Add or update contacts',
      method: 'PUT',
      path: '/v3/marketing/contacts',
      input: {
        type: 'object',
        properties: {
          list_ids: { type: 'array', items: { type: 'string' } },
          contacts: {
            type: 'array',
            description: 'e.g. [{ "email": "ada@example.com", "first_name": "Ada" }]',
            items: { type: 'object' },
          },
        },
        required: ['contacts'],
      },
    },
  ],
};
