import type { Provider } from '../types.js';

/** Discord: guilds, channels and messages through the v10 HTTP API. */
export const discord: Provider = {
  slug: 'discord',
  name: 'Discord',
  category: 'chat',
  description: 'Community chat: servers (guilds), channels and messages.',
  domain: 'discord.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=discord.com&sz=128',
  docsUrl: 'https://discord.com/developers/docs/reference',
  apiBaseUrl: 'https://discord.com/api/v10',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://discord.com/oauth2/authorize',
      tokenUrl: 'https://discord.com/api/oauth2/token',
      revocationUrl: 'https://discord.com/api/oauth2/token/revoke',
      scopes: ['identify', 'guilds'],
      scopeSeparator: ' ',
    },
    { kind: 'apiKey', label: 'Bot token', in: 'header', name: 'Authorization', prefix: 'Bot ' },
  ],
  openApiUrl: 'https://raw.githubusercontent.com/discord/discord-api-spec/main/specs/openapi.json',
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/users/@me', verify: true },
    { key: 'list-guilds', name: 'List my servers', method: 'GET', path: '/users/@me/guilds' },
    {
      key: 'send-message',
      name: 'Send a message',
      method: 'POST',
      path: '/channels/{channelId}/messages',
      input: {
        type: 'object',
        properties: {
          channelId: { type: 'string', 'x-in': 'path' },
          content: { type: 'string', maxLength: 2000 },
        },
        required: ['channelId', 'content'],
      },
    },
  ],
};
