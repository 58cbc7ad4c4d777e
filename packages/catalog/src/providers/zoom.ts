import type { Provider } from '../types.js';

/** Zoom: the user and meetings through the v2 API. */
export const zoom: Provider = {
  slug: 'zoom',
  name: 'Zoom',
  category: 'productivity',
  description: 'Video meetings: users, meetings, recordings and webinars.',
  domain: 'zoom.us',
  aliases: ['Zoom Meetings', 'zoom.com'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=zoom.us&sz=128',
  docsUrl: 'https://developers.zoom.us/docs/api/',
  apiBaseUrl: 'https://api.zoom.us/v2',
  authMethods: [
    // Scopes are chosen on the app in the Zoom App Marketplace.
    {
      kind: 'oauth2',
      authorizationUrl: 'https://zoom.us/oauth/authorize',
      tokenUrl: 'https://zoom.us/oauth/token',
      revocationUrl: 'https://zoom.us/oauth/revoke',
    },
  ],
  pkce: 'supported',
  actions: [
    { key: 'me', name: 'Get my user', method: 'GET', path: '/users/me', verify: true },
    {
      key: 'list-meetings',
      name: 'List my meetings',
      method: 'GET',
      path: '/users/me/meetings',
      input: {
        type: 'object',
        properties: {
          type: {
            type: 'string',
            enum: ['scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings'],
            'x-in': 'query',
          },
          page_size: { type: 'integer', minimum: 1, maximum: 300, 'x-in': 'query' },
        },
      },
    },
    {
      key: 'create-meeting',
      name: 'Create a meeting',
      method: 'POST',
      path: '/users/me/meetings',
      input: {
        type: 'object',
        properties: {
          topic: { type: 'string', maxLength: 200 },
          type: { type: 'integer', enum: [1, 2, 3, 8], description: '1 instant, 2 scheduled, 3 and 8 recurring' },
          start_time: { type: 'string', description: 'e.g. 2025-06-01T10:00:00Z' },
          duration: { type: 'integer', minimum: 1, description: 'Minutes' },
          timezone: { type: 'string' },
        },
        required: ['topic'],
      },
    },
  ],
};
