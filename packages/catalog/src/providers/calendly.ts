import type { Provider } from '../types.js';

/** Calendly: the user, event types and scheduled events through the v2 API. */
export const calendly: Provider = {
  slug: 'calendly',
  name: 'Calendly',
  category: 'productivity',
  description: 'Scheduling: event types, scheduled events and invitees.',
  domain: 'calendly.com',
  iconUrl: 'https://www.google.com/s2/favicons?domain=calendly.com&sz=128',
  docsUrl: 'https://developer.calendly.com/api-docs',
  apiBaseUrl: 'https://api.calendly.com',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://auth.calendly.com/oauth/authorize',
      tokenUrl: 'https://auth.calendly.com/oauth/token',
      revocationUrl: 'https://auth.calendly.com/oauth/revoke',
    },
    { kind: 'bearer', label: 'Personal access token' },
  ],
  // Calendly-Webhook-Signature: `t=<unix>,v1=<hex>`, the HMAC of `<t>.<body>` with the signing key.
  webhookSignature: {
    header: 'Calendly-Webhook-Signature',
    algorithm: 'sha256',
    encoding: 'hex',
    scheme: 'timestamped',
  },
  actions: [
    { key: 'me', name: 'Get the current user', method: 'GET', path: '/users/me', verify: true },
    {
      key: 'list-event-types',
      name: 'List event types',
      method: 'GET',
      path: '/event_types',
      input: {
        type: 'object',
        properties: {
          user: { type: 'string', description: 'A user URI from Get the current user', 'x-in': 'query' },
          organization: { type: 'string', description: 'An organization URI', 'x-in': 'query' },
        },
      },
    },
    {
      key: 'list-scheduled-events',
      name: 'List scheduled events',
      method: 'GET',
      path: '/scheduled_events',
      input: {
        type: 'object',
        properties: {
          user: { type: 'string', 'x-in': 'query' },
          organization: { type: 'string', 'x-in': 'query' },
          status: { type: 'string', enum: ['active', 'canceled'], 'x-in': 'query' },
          min_start_time: { type: 'string', 'x-in': 'query' },
        },
      },
    },
  ],
};
