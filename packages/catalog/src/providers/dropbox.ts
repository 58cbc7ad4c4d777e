import type { Provider } from '../types.js';

/** Dropbox: files and the account through the v2 RPC API (every call a POST). */
export const dropbox: Provider = {
  slug: 'dropbox',
  name: 'Dropbox',
  category: 'storage',
  description: 'Cloud storage: list, search and read files and folders.',
  domain: 'dropbox.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=dropbox.com&sz=128',
  docsUrl: 'https://www.dropbox.com/developers/documentation/http/documentation',
  apiBaseUrl: 'https://api.dropboxapi.com/2',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://www.dropbox.com/oauth2/authorize',
      tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
      scopes: ['account_info.read', 'files.metadata.read', 'files.content.read'],
      scopeSeparator: ' ',
      authorizationParams: { token_access_type: 'offline' },
    },
  ],
  pkce: 'supported',
  actions: [
    {
      key: 'list-folder',
      name: 'List a folder',
      method: 'POST',
      path: '/files/list_folder',
      verify: true,
      input: {
        type: 'object',
        properties: {
          path: { type: 'string', description: '"" for the root, else e.g. /Documents' },
          recursive: { type: 'boolean' },
          limit: { type: 'integer', minimum: 1, maximum: 2000 },
        },
        required: ['path'],
      },
    },
    {
      key: 'get-metadata',
      name: 'Get file or folder metadata',
      method: 'POST',
      path: '/files/get_metadata',
      input: {
        type: 'object',
        properties: { path: { type: 'string', description: 'A path, id:… or rev:…' } },
        required: ['path'],
      },
    },
    {
      key: 'search',
      name: 'Search files',
      method: 'POST',
      path: '/files/search_v2',
      input: {
        type: 'object',
        properties: { query: { type: 'string', minLength: 1 }, options: { type: 'object' } },
        required: ['query'],
      },
    },
  ],
};
