import type { Provider } from '../types.js';

/** Microsoft Teams through Microsoft Graph: teams, channels and channel messages. */
export const microsoftTeams: Provider = {
  slug: 'microsoft-teams',
  name: 'Microsoft Teams',
  category: 'chat',
  description: 'Microsoft 365 chat and meetings: teams, channels and messages through Microsoft Graph.',
  domain: 'teams.microsoft.com',
  aliases: ['Teams', 'MS Teams', 'Microsoft Graph Teams'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=teams.microsoft.com&sz=128',
  docsUrl: 'https://learn.microsoft.com/en-us/graph/api/resources/teams-api-overview',
  apiBaseUrl: 'https://graph.microsoft.com/v1.0',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scopes: ['offline_access', 'User.Read', 'Team.ReadBasic.All', 'Channel.ReadBasic.All', 'ChannelMessage.Send'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
    },
  ],
  pkce: 'supported',
  openApiUrl: 'https://raw.githubusercontent.com/microsoftgraph/msgraph-metadata/master/openapi/v1.0/openapi.yaml',
  actions: [
    { key: 'me', name: 'Get the signed-in user', method: 'GET', path: '/me', verify: true },
    { key: 'list-teams', name: 'List my teams', method: 'GET', path: '/me/joinedTeams' },
    {
      key: 'list-channels',
      name: 'List channels',
      method: 'GET',
      path: '/teams/{teamId}/channels',
      input: { type: 'object', properties: { teamId: { type: 'string', 'x-in': 'path' } }, required: ['teamId'] },
    },
    {
      key: 'send-channel-message',
      name: 'Send a channel message',
      method: 'POST',
      path: '/teams/{teamId}/channels/{channelId}/messages',
      input: {
        type: 'object',
        properties: {
          teamId: { type: 'string', 'x-in': 'path' },
          channelId: { type: 'string', 'x-in': 'path' },
          body: {
            type: 'object',
            description: 'e.g. { "content": "Hello", "contentType": "text" }',
            properties: { content: { type: 'string' }, contentType: { type: 'string', enum: ['text', 'html'] } },
            required: ['content'],
          },
        },
        required: ['teamId', 'channelId', 'body'],
      },
    },
  ],
};
