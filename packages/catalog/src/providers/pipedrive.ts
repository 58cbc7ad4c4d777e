import type { Provider } from '../types.js';

/** Pipedrive: persons and deals through the v1 API. */
export const pipedrive: Provider = {
  slug: 'pipedrive',
  name: 'Pipedrive',
  category: 'crm',
  description: 'Sales CRM built around pipelines: deals, persons, organizations and activities.',
  domain: 'pipedrive.com',
  aliases: ['Pipedrive CRM'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=pipedrive.com&sz=128',
  docsUrl: 'https://developers.pipedrive.com/docs/api/v1',
  apiBaseUrl: 'https://api.pipedrive.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://oauth.pipedrive.com/oauth/authorize',
      tokenUrl: 'https://oauth.pipedrive.com/oauth/token',
    },
    { kind: 'apiKey', label: 'Personal API token', in: 'query', name: 'api_token' },
  ],
  openApiUrl: 'https://developers.pipedrive.com/docs/api/v1/openapi.yaml',
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/v1/users/me', verify: true },
    {
      key: 'list-deals',
      name: 'List deals',
      method: 'GET',
      path: '/v1/deals',
      input: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['open', 'won', 'lost', 'deleted', 'all_not_deleted'], 'x-in': 'query' },
          start: { type: 'integer', minimum: 0, 'x-in': 'query' },
          limit: { type: 'integer', minimum: 1, maximum: 500, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'create-person',
      name: 'Create a person',
      method: 'POST',
      path: '/v1/persons',
      input: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1 },
          email: { type: 'array', items: { type: 'string' } },
          phone: { type: 'array', items: { type: 'string' } },
          org_id: { type: 'integer' },
        },
        required: ['name'],
      },
    },
  ],
};
