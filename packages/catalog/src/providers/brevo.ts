import type { Provider } from '../types.js';

/** Brevo (formerly Sendinblue): transactional e-mail and contacts through the v3 API. */
export const brevo: Provider = {
  slug: 'brevo',
  name: 'Brevo',
  category: 'email',
  description: 'E-mail and SMS marketing: transactional e-mail, contacts and campaigns.',
  domain: 'brevo.com',
  aliases: ['Sendinblue'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=brevo.com&sz=128',
  docsUrl: 'https://developers.brevo.com/reference',
  apiBaseUrl: 'https://api.brevo.com/v3',
  authMethods: [{ kind: 'apiKey', label: 'API key', in: 'header', name: 'api-key' }],
  actions: [
    { key: 'get-account', name: 'Get the account', method: 'GET', path: '/account', verify: true },
    {
      key: 'send-email',
      name: 'Send a transactional e-mail',
      method: 'POST',
      path: '/smtp/email',
      input: {
        type: 'object',
        properties: {
          sender: { type: 'object', description: 'e.g. { "email": "hello@example.com", "name": "Example" }' },
          to: { type: 'array', description: 'e.g. [{ "email": "ada@example.com" }]', items: { type: 'object' } },
          subject: { type: 'string' },
          htmlContent: { type: 'string' },
          textContent: { type: 'string' },
          templateId: { type: 'integer' },
        },
        required: ['to'],
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
          email: { type: 'string' },
          attributes: { type: 'object', description: 'e.g. { "FIRSTNAME": "Ada" }' },
          listIds: { type: 'array', items: { type: 'integer' } },
          updateEnabled: { type: 'boolean' },
        },
      },
    },
  ],
};
