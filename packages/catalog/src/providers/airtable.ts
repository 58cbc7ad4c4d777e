import type { Provider } from '../types.js';

/** Airtable: bases and records through the Web API. */
export const airtable: Provider = {
  slug: 'airtable',
  name: 'Airtable',
  category: 'productivity',
  description: 'Spreadsheet-database hybrid: bases, tables and records.',
  domain: 'airtable.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=airtable.com&sz=128',
  docsUrl: 'https://airtable.com/developers/web/api/introduction',
  apiBaseUrl: 'https://api.airtable.com/v0',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://airtable.com/oauth2/v1/authorize',
      tokenUrl: 'https://airtable.com/oauth2/v1/token',
      scopes: ['user.email:read', 'schema.bases:read', 'data.records:read', 'data.records:write'],
      scopeSeparator: ' ',
    },
    { kind: 'bearer', label: 'Personal access token' },
  ],
  pkce: 'required',
  actions: [
    { key: 'whoami', name: 'Get the current user', method: 'GET', path: '/meta/whoami', verify: true },
    { key: 'list-bases', name: 'List bases', method: 'GET', path: '/meta/bases' },
    {
      key: 'list-records',
      name: 'List records',
      method: 'GET',
      path: '/{baseId}/{table}',
      input: {
        type: 'object',
        properties: {
          baseId: { type: 'string', description: 'e.g. appXXXXXXXXXXXXXX', 'x-in': 'path' },
          table: { type: 'string', description: 'Table ID or name', 'x-in': 'path' },
          maxRecords: { type: 'integer', minimum: 1, 'x-in': 'query' },
          view: { type: 'string', 'x-in': 'query' },
          filterByFormula: { type: 'string', 'x-in': 'query' },
        },
        required: ['baseId', 'table'],
      },
    },
    {
      key: 'create-records',
      name: 'Create records',
      method: 'POST',
      path: '/{baseId}/{table}',
      input: {
        type: 'object',
        properties: {
          baseId: { type: 'string', 'x-in': 'path' },
          table: { type: 'string', 'x-in': 'path' },
          records: {
            type: 'array',
            description: 'Up to 10, e.g. [{ "fields": { "Name": "Ada" } }]',
            items: { type: 'object' },
            maxItems: 10,
          },
          typecast: { type: 'boolean' },
        },
        required: ['baseId', 'table', 'records'],
      },
    },
  ],
};
