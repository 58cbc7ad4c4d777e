import type { Provider } from '../types.js';

/** Salesforce: SOQL queries and sObject records through the REST API of the org's My Domain. */
export const salesforce: Provider = {
  slug: 'salesforce',
  name: 'Salesforce',
  category: 'crm',
  description: 'CRM platform: accounts, contacts, leads, opportunities and any custom object.',
  domain: 'salesforce.com',
  aliases: ['Salesforce CRM', 'Sales Cloud', 'SFDC'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=salesforce.com&sz=128',
  docsUrl: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/intro_rest.htm',
  apiBaseUrl: 'https://{myDomain}.my.salesforce.com/services/data/v62.0',
  variables: {
    myDomain: {
      label: 'My Domain',
      description: "The org's My Domain name, the part before .my.salesforce.com",
      example: 'acme',
    },
  },
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://login.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
      revocationUrl: 'https://login.salesforce.com/services/oauth2/revoke',
      scopes: ['api', 'refresh_token'],
      scopeSeparator: ' ',
    },
  ],
  pkce: 'supported',
  actions: [
    {
      key: 'limits',
      name: 'Get org limits',
      method: 'GET',
      path: '/limits',
      verify: true,
    },
    {
      key: 'query',
      name: 'Run a SOQL query',
      method: 'GET',
      path: '/query',
      input: {
        type: 'object',
        properties: {
          q: { type: 'string', description: 'e.g. SELECT Id, Name FROM Account LIMIT 10', 'x-in': 'query' },
        },
        required: ['q'],
      },
    },
    {
      key: 'get-record',
      name: 'Get a record',
      method: 'GET',
      path: '/sobjects/{sObject}/{recordId}',
      input: {
        type: 'object',
        properties: {
          sObject: { type: 'string', description: 'e.g. Account, Contact, Lead', 'x-in': 'path' },
          recordId: { type: 'string', 'x-in': 'path' },
        },
        required: ['sObject', 'recordId'],
      },
    },
    {
      key: 'create-record',
      name: 'Create a record',
      method: 'POST',
      path: '/sobjects/{sObject}',
      input: {
        type: 'object',
        properties: {
          sObject: { type: 'string', description: 'e.g. Account, Contact, Lead', 'x-in': 'path' },
        },
        required: ['sObject'],
        additionalProperties: true,
      },
    },
  ],
};
