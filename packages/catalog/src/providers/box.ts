import type { Provider } from '../types.js';

/** Box: the user, folders and files through the 2.0 API. */
export const box: Provider = {
  slug: 'box',
  name: 'Box',
  category: 'storage',
  description: 'Enterprise content management: folders, files, metadata and collaboration.',
  domain: 'box.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=box.com&sz=128',
  docsUrl: 'https://developer.box.com/reference/',
  apiBaseUrl: 'https://api.box.com/2.0',
  authMethods: [
    // Scopes are chosen on the app in the Box developer console.
    {
      kind: 'oauth2',
      authorizationUrl: 'https://account.box.com/api/oauth2/authorize',
      tokenUrl: 'https://api.box.com/oauth2/token',
      revocationUrl: 'https://api.box.com/oauth2/revoke',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
    { kind: 'bearer', label: 'Developer token' },
  ],
  openApiUrl: 'https://raw.githubusercontent.com/box/box-openapi/main/openapi.json',
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/users/me', verify: true },
    {
      key: 'list-folder-items',
      name: 'List items in a folder',
      method: 'GET',
      path: '/folders/{folderId}/items',
      input: {
        type: 'object',
        properties: {
          folderId: { type: 'string', description: '"0" is the root folder', 'x-in': 'path' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' },
          offset: { type: 'integer', minimum: 0, 'x-in': 'query' },
        },
        required: ['folderId'],
      },
    },
    {
      key: 'get-file',
      name: 'Get file information',
      method: 'GET',
      path: '/files/{fileId}',
      input: { type: 'object', properties: { fileId: { type: 'string', 'x-in': 'path' } }, required: ['fileId'] },
    },
  ],
};
