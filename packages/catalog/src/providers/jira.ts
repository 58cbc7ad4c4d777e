import type { Provider } from '../types.js';

/** Jira Cloud: issues through the REST API v3, reached through api.atlassian.com with the site's cloud ID. */
export const jira: Provider = {
  slug: 'jira',
  name: 'Jira',
  category: 'project-management',
  description: "Atlassian's issue and project tracking: issues, projects, sprints and comments.",
  domain: 'atlassian.com',
  aliases: ['Jira Cloud', 'Jira Software', 'atlassian.net', 'Atlassian Jira'],
  iconUrl: 'https://www.google.com/s2/favicons?domain=atlassian.com&sz=128',
  docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/',
  // With an API token and basic auth, use https://<site>.atlassian.net instead.
  apiBaseUrl: 'https://api.atlassian.com/ex/jira/{cloudId}',
  variables: {
    cloudId: {
      label: 'Cloud ID',
      pattern: '[0-9a-f-]{36}',
      description: "The site's cloud ID, from https://api.atlassian.com/oauth/token/accessible-resources",
      example: '11223344-a1b2-3b33-c444-def123456789',
    },
  },
  authMethods: [
    {
      kind: 'oauth2',
      authorizationUrl: 'https://auth.atlassian.com/authorize',
      tokenUrl: 'https://auth.atlassian.com/oauth/token',
      scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
      scopeSeparator: ' ',
      tokenEndpointAuthMethod: 'client_secret_post',
      authorizationParams: { audience: 'api.atlassian.com', prompt: 'consent' },
    },
    { kind: 'basic', label: 'Email and API token' },
  ],
  openApiUrl: 'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json',
  actions: [
    { key: 'myself', name: 'Get the current user', method: 'GET', path: '/rest/api/3/myself', verify: true },
    {
      key: 'search-issues',
      name: 'Search issues with JQL',
      method: 'GET',
      path: '/rest/api/3/search/jql',
      input: {
        type: 'object',
        properties: {
          jql: { type: 'string', description: 'e.g. project = ENG AND status = "In Progress"', 'x-in': 'query' },
          maxResults: { type: 'integer', minimum: 1, maximum: 5000, 'x-in': 'query' },
          fields: { type: 'string', description: 'e.g. summary,status,assignee', 'x-in': 'query' },
          nextPageToken: { type: 'string', 'x-in': 'query' },
        },
        required: ['jql'],
      },
    },
    {
      key: 'get-issue',
      name: 'Get an issue',
      method: 'GET',
      path: '/rest/api/3/issue/{issueIdOrKey}',
      input: {
        type: 'object',
        properties: { issueIdOrKey: { type: 'string', description: 'e.g. ENG-42', 'x-in': 'path' } },
        required: ['issueIdOrKey'],
      },
    },
    {
      key: 'create-issue',
      name: 'Create an issue',
      method: 'POST',
      path: '/rest/api/3/issue',
      input: {
        type: 'object',
        properties: {
          fields: {
            type: 'object',
            description: 'e.g. { "project": { "key": "ENG" }, "summary": "…", "issuetype": { "name": "Task" } }',
          },
        },
        required: ['fields'],
      },
    },
  ],
};
