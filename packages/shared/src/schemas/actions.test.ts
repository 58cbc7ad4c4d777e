import { describe, expect, it } from 'vitest';
import { actionDefinitionSchema, actionListSchema, apiBaseUrlSchema, proxyRequestSchema } from './actions.js';

const me = { key: 'me', name: 'Me', method: 'GET', path: '/me' };

describe('actionDefinitionSchema', () => {
  it('fills an empty object input and an empty description', () => {
    expect(actionDefinitionSchema.parse(me)).toEqual({
      ...me,
      description: '',
      input: { type: 'object', properties: {} },
    });
  });

  it.each([
    ['a path placeholder without a path input', { ...me, path: '/contacts/{id}' }],
    ['a path that starts with //', { ...me, path: '//evil.com' }],
    ['a path with a query', { ...me, path: '/me?x=1' }],
    ['a relative path', { ...me, path: 'me' }],
    ['a key with capitals', { ...me, key: 'Me' }],
    ['an unknown method', { ...me, method: 'TRACE' }],
    ['an unknown x-in', { ...me, input: { type: 'object', properties: { a: { 'x-in': 'cookie' } } } }],
  ])('rejects %s', (_, action) => {
    expect(actionDefinitionSchema.safeParse(action).success).toBe(false);
  });

  it('accepts a placeholder backed by a path input', () => {
    const action = { ...me, path: '/contacts/{id}', input: { properties: { id: { type: 'string', 'x-in': 'path' } } } };
    expect(actionDefinitionSchema.safeParse(action).success).toBe(true);
  });
});

describe('actionListSchema', () => {
  it('rejects duplicate keys and two verify actions', () => {
    expect(actionListSchema.safeParse([me, me]).success).toBe(false);
    const two = [
      { ...me, verify: true },
      { ...me, key: 'other', verify: true },
    ];
    expect(actionListSchema.safeParse(two).success).toBe(false);
  });
});

describe('apiBaseUrlSchema and proxyRequestSchema', () => {
  it('refuses base URLs with user info, query or another scheme', () => {
    for (const url of ['https://u:p@api.example', 'https://api.example/?a=1', 'ftp://api.example']) {
      expect(apiBaseUrlSchema.safeParse(url).success).toBe(false);
    }
    expect(apiBaseUrlSchema.safeParse('https://api.example/v3').success).toBe(true);
  });

  it('refuses a header name with spaces', () => {
    const body = { connectionId: 'con_1234', method: 'GET', path: '/x', headers: { 'bad name': 'v' } };
    expect(proxyRequestSchema.safeParse(body).success).toBe(false);
  });
});
