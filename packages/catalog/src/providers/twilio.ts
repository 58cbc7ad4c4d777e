import type { Provider } from '../types.js';

/** Twilio: the account and its messages through the 2010-04-01 REST API. */
export const twilio: Provider = {
  slug: 'twilio',
  name: 'Twilio',
  category: 'communications',
  description: 'Communications APIs: SMS, WhatsApp, voice calls and phone numbers.',
  domain: 'twilio.com',
  aliases: ['Twilio SMS', 'Twilio Messaging'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=twilio.com&sz=128',
  docsUrl: 'https://www.twilio.com/docs/usage/api',
  apiBaseUrl: 'https://api.twilio.com/2010-04-01',
  authMethods: [{ kind: 'basic', label: 'Account SID (or API key SID) and auth token (or API key secret)' }],
  openApiUrl: 'https://raw.githubusercontent.com/twilio/twilio-oai/main/spec/json/twilio_api_v2010.json',
  // Twilio takes form-encoded bodies and actions send JSON, so the core actions are reads.
  actions: [
    {
      key: 'get-account',
      name: 'Get the account',
      method: 'GET',
      path: '/Accounts/{accountSid}.json',
      input: {
        type: 'object',
        properties: { accountSid: { type: 'string', description: 'AC…', 'x-in': 'path' } },
        required: ['accountSid'],
      },
    },
    {
      key: 'list-messages',
      name: 'List messages',
      method: 'GET',
      path: '/Accounts/{accountSid}/Messages.json',
      input: {
        type: 'object',
        properties: {
          accountSid: { type: 'string', 'x-in': 'path' },
          To: { type: 'string', 'x-in': 'query' },
          From: { type: 'string', 'x-in': 'query' },
          PageSize: { type: 'integer', minimum: 1, maximum: 1000, 'x-in': 'query' },
        },
        required: ['accountSid'],
      },
    },
    {
      key: 'list-phone-numbers',
      name: 'List phone numbers',
      method: 'GET',
      path: '/Accounts/{accountSid}/IncomingPhoneNumbers.json',
      input: {
        type: 'object',
        properties: { accountSid: { type: 'string', 'x-in': 'path' } },
        required: ['accountSid'],
      },
    },
  ],
};
