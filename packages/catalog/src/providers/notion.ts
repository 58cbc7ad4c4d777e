import type { Provider } from '../types.js';

const notionVersion = {
  type: 'string',
  description: 'The API version Notion requires on every request',
  default: '2022-06-28',
  'x-in': 'header',
} as const;

/** Notion: search, pages and the bot user through the public API. */
export const notion: Provider = {
  slug: 'notion',
  name: 'Notion',
  category: 'productivity',
  description: 'Connected workspace: pages, databases, blocks and comments.',
  domain: 'notion.so',
  aliases: ['Notion API', 'notion.com'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=notion.so&sz=128',
  docsUrl: 'https://developers.notion.com/reference/intro',
  apiBaseUrl: 'https://api.notion.com/v1',
  authMethods: [
    // Capabilities are set on the integration, not requested as scopes.
    {
      kind: 'oauth2',
      authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
      tokenUrl: 'https://api.notion.com/v1/oauth/token',
      authorizationParams: { owner: 'user' },
    },
    { kind: 'bearer', label: 'Internal integration secret' },
  ],
  actions: [
    {
      key: 'me',
      name: 'Get the bot user',
      method: 'GET',
      path: '/users/me',
      verify: true,
      input: { type: 'object', properties: { 'Notion-Version': notionVersion }, required: ['Notion-Version'] },
    },
    {
      key: 'search',
      name: 'Search pages and databases',
      method: 'POST',
      path: '/search',
      input: {
        type: 'object',
        properties: {
          'Notion-Version': notionVersion,
          query: { type: 'string' },
          filter: { type: 'object', description: 'e.g. { "property": "object", "value": "page" }' },
          page_size: { type: 'integer', minimum: 1, maximum: 100 },
          start_cursor: { type: 'string' },
        },
        required: ['Notion-Version'],
      },
    },
    {
      key: 'get-page',
      name: 'Get a page',
      method: 'GET',
      path: '/pages/{pageId}',
      input: {
        type: 'object',
        properties: { 'Notion-Version': notionVersion, pageId: { type: 'string', 'x-in': 'path' } },
        required: ['Notion-Version', 'pageId'],
      },
    },
    {
      key: 'create-page',
      name: 'Create a page',
      method: 'POST',
      path: '/pages',
      input: {
        type: 'object',
        properties: {
          'Notion-Version': notionVersion,
          parent: { type: 'object', description: 'e.g. { "database_id": "…" } or { "page_id": "…" }' },
          properties: { type: 'object' },
          children: { type: 'array', items: { type: 'object' } },
        },
        required: ['Notion-Version', 'parent', 'properties'],
      },
    },
  ],
};
