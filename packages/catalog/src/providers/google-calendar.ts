import type { Provider } from '../types.js';

/** Google Calendar: calendars and events through the v3 API. */
export const googleCalendar: Provider = {
  slug: 'google-calendar',
  name: 'Google Calendar',
  category: 'productivity',
  description: "Google's calendar: calendars, events and free/busy.",
  domain: 'calendar.google.com',
  aliases: ['GCal', 'Google Calendar API'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=calendar.google.com&sz=128',
  docsUrl: 'https://developers.google.com/workspace/calendar/api/v3/reference',
  apiBaseUrl: 'https://www.googleapis.com/calendar/v3',
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      revocationUrl: 'https://oauth2.googleapis.com/revoke',
      scopes: ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
    },
  ],
  pkce: 'supported',
  actions: [
    { key: 'list-calendars', name: 'List calendars', method: 'GET', path: '/users/me/calendarList', verify: true },
    {
      key: 'list-events',
      name: 'List events',
      method: 'GET',
      path: '/calendars/{calendarId}/events',
      input: {
        type: 'object',
        properties: {
          calendarId: { type: 'string', description: '"primary" for the user\'s main calendar', 'x-in': 'path' },
          timeMin: { type: 'string', description: 'RFC 3339', 'x-in': 'query' },
          timeMax: { type: 'string', description: 'RFC 3339', 'x-in': 'query' },
          singleEvents: { type: 'boolean', 'x-in': 'query' },
          maxResults: { type: 'integer', minimum: 1, maximum: 2500, 'x-in': 'query' },
        },
        required: ['calendarId'],
      },
    },
    {
      key: 'create-event',
      name: 'Create an event',
      method: 'POST',
      path: '/calendars/{calendarId}/events',
      input: {
        type: 'object',
        properties: {
          calendarId: { type: 'string', 'x-in': 'path' },
          summary: { type: 'string' },
          description: { type: 'string' },
          start: { type: 'object', description: 'e.g. { "dateTime": "2025-06-01T10:00:00Z" }' },
          end: { type: 'object', description: 'e.g. { "dateTime": "2025-06-01T11:00:00Z" }' },
          attendees: { type: 'array', items: { type: 'object' } },
        },
        required: ['calendarId', 'start', 'end'],
      },
    },
  ],
};
