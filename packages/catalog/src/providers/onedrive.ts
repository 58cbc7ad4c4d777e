import type { Provider } from '../types.js';

/** OneDrive through Microsoft Graph: the user's drive and its items. */
export const onedrive: Provider = {
  slug: 'onedrive',
  name: 'OneDrive',
  category: 'storage',
  description: "Microsoft's cloud storage: drives, folders and files through Microsoft Graph.",
  domain: 'onedrive.live.com',
  aliases: ['Microsoft OneDrive', 'OneDrive for Business'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=onedrive.live.com&sz=128',
  docsUrl: 'https://learn.microsoft.com/en-us/onedrive/developer/rest-api/',
  apiBaseUrl: 'https://graph.microsoft.com/v1.0',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scopes: ['offline_access', 'User.Read', 'Files.Read'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
  ],
  pkce: 'supported',
  openApiUrl: 'https://raw.githubusercontent.com/microsoftgraph/msgraph-metadata/master/openapi/v1.0/openapi.yaml',
  actions: [
    { key: 'get-drive', name: 'Get my drive', method: 'GET', path: '/me/drive', verify: true },
    { key: 'list-root', name: 'List the root folder', method: 'GET', path: '/me/drive/root/children' },
    {
      key: 'list-children',
      name: 'List a folder',
      method: 'GET',
      path: '/me/drive/items/{itemId}/children',
      input: { type: 'object', properties: { itemId: { type: 'string', 'x-in': 'path' } }, required: ['itemId'] },
    },
    {
      key: 'get-item',
      name: 'Get an item',
      method: 'GET',
      path: '/me/drive/items/{itemId}',
      input: { type: 'object', properties: { itemId: { type: 'string', 'x-in': 'path' } }, required: ['itemId'] },
    },
  ],
};
