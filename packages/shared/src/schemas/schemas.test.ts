import { describe, expect, it } from 'vitest';
import { connectionCreateSchema } from './connections.js';
import { connectorCreateSchema } from './connectors.js';
import { consoleSignInSchema, consoleTestSessionSchema, memberPasswordSchema } from './console.js';
import { connectSessionCreateSchema } from './sessions.js';

const stripe = { name: 'Stripe', authMethods: [{ kind: 'bearer' }] };

describe('connectorCreateSchema', () => {
  it('fills defaults for an API key method', () => {
    const parsed = connectorCreateSchema.parse({ ...stripe, authMethods: [{ kind: 'apiKey' }] });
    expect(parsed.authMethods[0]).toEqual({ kind: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(parsed.visibility).toBe('private');
  });

  it('rejects two default auth methods', () => {
    const result = connectorCreateSchema.safeParse({
      ...stripe,
      authMethods: [
        { kind: 'bearer', isDefault: true },
        { kind: 'basic', isDefault: true },
      ],
    });
    expect(result.success).toBe(false);
  });

  it.each([
    ['an unknown field', { ...stripe, owner: 'me' }],
    ['no auth method', { ...stripe, authMethods: [] }],
    ['an http icon', { ...stripe, iconUrl: 'http://stripe.com/icon.png' }],
    ['a bad slug', { ...stripe, slug: 'Not A Slug' }],
    ['an unknown auth kind', { ...stripe, authMethods: [{ kind: 'magic' }] }],
    ['a bad header name', { ...stripe, authMethods: [{ kind: 'apiKey', name: 'X Key' }] }],
  ])('rejects %s', (_, body) => {
    expect(connectorCreateSchema.safeParse(body).success).toBe(false);
  });

  const oauth = {
    kind: 'oauth2',
    authorizationUrl: 'https://auth.example/authorize',
    tokenUrl: 'https://auth.example/token',
  };

  it('keeps PKCE on for OAuth 2.0 methods, whether pkce is left out or sent as true', () => {
    for (const method of [oauth, { ...oauth, pkce: true }]) {
      const parsed = connectorCreateSchema.parse({ ...stripe, authMethods: [method] });
      expect(parsed.authMethods[0]).toMatchObject({ kind: 'oauth2', pkce: true });
    }
  });

  it('refuses pkce: false with a message that says PKCE cannot be turned off', () => {
    const result = connectorCreateSchema.safeParse({ ...stripe, authMethods: [{ ...oauth, pkce: false }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['authMethods', 0, 'pkce'],
      message: expect.stringMatching(/always on.*cannot be turned off/),
    });
  });
});

describe('connectionCreateSchema', () => {
  it('rejects a client-chosen id', () => {
    expect(connectionCreateSchema.safeParse({ connector: 'stripe', id: 'cxn_mine' }).success).toBe(false);
  });
});

describe('connectSessionCreateSchema', () => {
  it('defaults to 30 minutes', () => {
    expect(connectSessionCreateSchema.parse({ tenantId: 't-1', endUserId: 'u-1' }).ttlSeconds).toBe(1800);
  });

  it.each(['https://app.example.com/', 'https://app.example.com/path', 'app.example.com', 'javascript:alert(1)'])(
    'rejects %j as an allowed origin',
    (origin) => {
      expect(
        connectSessionCreateSchema.safeParse({ tenantId: 't', endUserId: 'u', allowedOrigins: [origin] }).success,
      ).toBe(false);
    },
  );
});

describe('console schemas', () => {
  it('accepts any non-empty password at sign-in and refuses extra fields', () => {
    expect(consoleSignInSchema.safeParse({ email: ' ada@vendor.example ', password: 'x' }).data?.email).toBe(
      'ada@vendor.example',
    );
    expect(consoleSignInSchema.safeParse({ email: 'a@b.example', password: '' }).success).toBe(false);
    expect(consoleSignInSchema.safeParse({ email: 'a@b.example', password: 'x', remember: true }).success).toBe(false);
  });

  it('asks at least 10 characters of a new member password', () => {
    expect(memberPasswordSchema.safeParse('too short').success).toBe(false);
    expect(memberPasswordSchema.safeParse('long enough').success).toBe(true);
  });

  it('takes an optional tenant for a test session, in the external id form', () => {
    expect(consoleTestSessionSchema.parse({})).toEqual({});
    expect(consoleTestSessionSchema.safeParse({ tenantId: 'not valid!' }).success).toBe(false);
  });
});
