import type { Provider } from '../types.js';

/** Google Drive: files and the user's storage through the v3 API. */
export const googleDrive: Provider = {
  slug: 'google-drive',
  name: 'Google Drive',
  category: 'storage',
  description: "Google's cloud storage: list, search and read files and folders.",
  domain: 'drive.google.com',
  aliases: ['Drive', 'GDrive', 'Google Drive API'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=drive.google.com&sz=128',
  docsUrl: 'https://developers.google.com/workspace/drive/api/reference/rest/v3',
  apiBaseUrl: 'https://www.googleapis.com/drive/v3',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      revocationUrl: 'https://oauth2.googleapis.com/revoke',
      scopes: ['https://www.googleapis.com/auth/drive.readonly'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
    },
  ],
  pkce: 'supported',
  actions: [
    {
      key: 'about',
      name: 'Get the user and storage quota',
      method: 'GET',
      path: '/about',
      verify: true,
      input: {
        type: 'object',
        properties: {
          fields: { type: 'string', description: 'Required by Drive, e.g. user,storageQuota', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-files',
      name: 'List files',
      method: 'GET',
      path: '/files',
      input: {
        type: 'object',
        properties: {
          q: { type: 'string', description: "e.g. name contains 'report' and trashed = false", 'x-in': 'query' },
          pageSize: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' },
          pageToken: { type: 'string', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'get-file',
      name: 'Get file metadata',
      method: 'GET',
      path: '/files/{fileId}',
      input: {
        type: 'object',
        properties: {
          fileId: { type: 'string', 'x-in': 'path' },
          fields: { type: 'string', description: 'e.g. id,name,mimeType,size', 'x-in': 'query' },
        },
        required: ['fileId'],
      },
    },
  ],
};
