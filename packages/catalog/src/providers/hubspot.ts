import type { Provider } from '../types.js';

/** HubSpot CRM: contacts, companies and deals through the v3 CRM objects API. */
export const hubspot: Provider = {
  slug: 'hubspot',
  name: 'HubSpot',
  category: 'crm',
  description: 'CRM, marketing and sales platform: contacts, companies, deals and tickets.',
  domain: 'hubspot.com',
  aliases: ['HubSpot CRM', 'hubapi'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=hubspot.com&sz=128',
  docsUrl: 'https://developers.hubspot.com/docs/api/overview',
  apiBaseUrl: 'https://api.hubapi.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
      tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
      scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Private app access token' },
  ],
  openApiUrl: 'https://api.hubspot.com/api-catalog-public/v1/apis/crm/v3/objects/contacts',
  actions: [
    {
      key: 'list-contacts',
      name: 'List contacts',
      method: 'GET',
      path: '/crm/v3/objects/contacts',
      verify: true,
      input: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 100, 'x-in': 'query' },
          after: { type: 'string', description: 'Paging cursor from the previous page', 'x-in': 'query' },
          properties: { type: 'string', description: 'Comma-separated property names to return', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'get-contact',
      name: 'Get a contact',
      method: 'GET',
      path: '/crm/v3/objects/contacts/{contactId}',
      input: {
        type: 'object',
        properties: { contactId: { type: 'string', 'x-in': 'path' } },
        required: ['contactId'],
      },
    },
    {
      key: 'create-contact',
      name: 'Create a contact',
      method: 'POST',
      path: '/crm/v3/objects/contacts',
      input: {
        type: 'object',
        properties: {
          properties: {
            type: 'object',
            description: 'Contact properties, e.g. { "email": "ada@example.com", "firstname": "Ada" }',
            additionalProperties: { type: 'string' },
          },
        },
        required: ['properties'],
      },
    },
  ],
};
