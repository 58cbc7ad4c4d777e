import type { Provider } from '../types.js';

/** Mailchimp Marketing: audiences (lists) and members on the account's data center. */
export const mailchimp: Provider = {
  slug: 'mailchimp',
  name: 'Mailchimp',
  category: 'email',
  description: 'E-mail marketing: audiences, members, campaigns and reports.',
  domain: 'mailchimp.com',
  aliases: ['Mailchimp Marketing', 'Intuit Mailchimp'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=mailchimp.com&sz=128',
  docsUrl: 'https://mailchimp.com/developer/marketing/api/',
  apiBaseUrl: 'https://{dc}.api.mailchimp.com/3.0',
  variables: {
    dc: {
      label: 'Data center',
      pattern: '[a-z]+[0-9]+',
      description: 'The data center, the end of an API key (…-us21) or the OAuth metadata',
      example: 'us21',
    },
  },
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://login.mailchimp.com/oauth2/authorize',
      tokenUrl: 'https://login.mailchimp.com/oauth2/token',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    // Any user name; the API key is the password.
    { kind: 'basic', label: 'API key as password, any user name' },
  ],
  actions: [
    { key: 'ping', name: 'Check the connection', method: 'GET', path: '/ping', verify: true },
    {
      key: 'list-audiences',
      name: 'List audiences',
      method: 'GET',
      path: '/lists',
      input: {
        type: 'object',
        properties: {
          count: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' },
          offset: { type: 'integer', minimum: 0, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'add-member',
      name: 'Add a member to an audience',
      method: 'POST',
      path: '/lists/{listId}/members',
      input: {
        type: 'object',
        properties: {
          listId: { type: 'string', 'x-in': 'path' },
          email_address: { type: 'string' },
          status: { type: 'string', enum: ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] },
          merge_fields: { type: 'object', description: 'e.g. { "FNAME": "Ada" }' },
        },
        required: ['listId', 'email_address', 'status'],
      },
    },
  ],
};
