import type { Provider } from '../types.js';

/** Docusign eSignature: envelopes of an account through the REST API v2.1. */
export const docusign: Provider = {
  slug: 'docusign',
  name: 'Docusign',
  category: 'productivity',
  description: 'Electronic signatures: envelopes, recipients, documents and templates.',
  domain: 'docusign.com',
  aliases: ['DocuSign eSignature'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=docusign.com&sz=128',
  docsUrl: 'https://developers.docusign.com/docs/esign-rest-api/reference/',
  // The base URI depends on the account: the user info endpoint (/oauth/userinfo) returns it.
  apiBaseUrl: 'https://{server}.docusign.net/restapi/v2.1',
  variables: {
    server: {
      label: 'Account server',
      pattern: '[a-z]+[0-9]*',
      description: 'The account server from its base URI, e.g. na3 or eu',
      example: 'na3',
    },
  },
  authMethods: [
    // Developer accounts use https://account-d.docusign.com instead.
    {
      kind: 'oauth2',
      authorizationUrl: 'https://account.docusign.com/oauth/auth',
      tokenUrl: 'https://account.docusign.com/oauth/token',
      scopes: ['signature', 'extended'],
      scopeSeparator: ' ',
    },
  ],
  pkce: 'supported',
  openApiUrl:
    'https://raw.githubusercontent.com/docusign/OpenAPI-Specifications/master/esignature.rest.swagger-v2.1.json',
  actions: [
    {
      key: 'list-envelopes',
      name: 'List envelopes',
      method: 'GET',
      path: '/accounts/{accountId}/envelopes',
      input: {
        type: 'object',
        properties: {
          accountId: { type: 'string', 'x-in': 'path' },
          from_date: {
            type: 'string',
            description: 'Required unless envelope_ids is given, e.g. 2025-01-01',
            'x-in': 'query',
          },
          status: { type: 'string', description: 'e.g. sent,completed', 'x-in': 'query' },
        },
        required: ['accountId'],
      },
    },
    {
      key: 'get-envelope',
      name: 'Get an envelope',
      method: 'GET',
      path: '/accounts/{accountId}/envelopes/{envelopeId}',
      input: {
        type: 'object',
        properties: { accountId: { type: 'string', 'x-in': 'path' }, envelopeId: { type: 'string', 'x-in': 'path' } },
        required: ['accountId', 'envelopeId'],
      },
    },
    {
      key: 'create-envelope',
      name: 'Create an envelope',
      method: 'POST',
      path: '/accounts/{accountId}/envelopes',
      input: {
        type: 'object',
        properties: {
          accountId: { type: 'string', 'x-in': 'path' },
          emailSubject: { type: 'string' },
          templateId: { type: 'string' },
          templateRoles: { type: 'array', items: { type: 'object' } },
          documents: { type: 'array', items: { type: 'object' } },
          recipients: { type: 'object' },
          status: { type: 'string', enum: ['created', 'sent'] },
        },
        required: ['accountId'],
      },
    },
  ],
};
