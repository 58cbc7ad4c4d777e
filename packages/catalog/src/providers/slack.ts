import type { Provider } from '../types.js';

/** Slack: messages and conversations through the Web API with a bot token. */
export const slack: Provider = {
  slug: 'slack',
  name: 'Slack',
  category: 'chat',
  description: 'Team chat: post messages, list channels and users.',
  domain: 'slack.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=slack.com&sz=128',
  docsUrl: 'https://docs.slack.dev/reference/methods',
  apiBaseUrl: 'https://slack.com/api',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://slack.com/oauth/v2/authorize',
      tokenUrl: 'https://slack.com/api/oauth.v2.access',
      scopes: ['chat:write', 'channels:read', 'users:read'],
      scopeSeparator: ',',
    },
    { kind: 'bearer', label: 'Bot token (xoxb-…)' },
  ],
  // Swagger 2.0, archived by Slack and no longer updated; still the only machine-readable description.
  openApiUrl: 'https://raw.githubusercontent.com/slackapi/slack-api-specs/master/web-api/slack_web_openapi_v2.json',
  // X-Slack-Signature: `v0=` and the hex HMAC of `v0:<X-Slack-Request-Timestamp>:<body>` with the signing secret.
  webhookSignature: { header: 'X-Slack-Signature', algorithm: 'sha256', encoding: 'hex', scheme: 'slack' },
  actions: [
    { key: 'auth-test', name: 'Check the token', method: 'GET', path: '/auth.test', verify: true },
    {
      key: 'post-message',
      name: 'Post a message',
      method: 'POST',
      path: '/chat.postMessage',
      input: {
        type: 'object',
        properties: {
          channel: { type: 'string', description: 'Channel ID, e.g. C0123456789' },
          text: { type: 'string' },
          thread_ts: { type: 'string', description: 'Reply in this thread' },
        },
        required: ['channel', 'text'],
      },
    },
    {
      key: 'list-channels',
      name: 'List channels',
      method: 'GET',
      path: '/conversations.list',
      input: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' },
          cursor: { type: 'string', 'x-in': 'query' },
          types: { type: 'string', description: 'e.g. public_channel,private_channel', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-users',
      name: 'List users',
      method: 'GET',
      path: '/users.list',
      input: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' },
          cursor: { type: 'string', 'x-in': 'query' },
        },
      },
    },
  ],
};
