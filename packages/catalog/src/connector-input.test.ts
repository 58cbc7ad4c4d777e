import { describe, expect, it } from 'vitest';
import { toConnectorInput } from './connector-input.js';
import { github } from './providers/github.js';
import { shopify } from './providers/shopify.js';

describe('toConnectorInput', () => {
  it('fills placeholders in the base URL and the OAuth URLs', () => {
    const input = toConnectorInput(shopify, { variables: { shop: 'acme' } });
    expect(input.apiBaseUrl).toBe('https://acme.myshopify.com/admin/api/2025-10');
    expect(input.authMethods[0]).toMatchObject({
      kind: 'oauth2',
      authorizationUrl: 'https://acme.myshopify.com/admin/oauth/authorize',
      tokenUrl: 'https://acme.myshopify.com/admin/oauth/access_token',
    });
  });

  it('keeps placeholders without a value as connector variables each end user fills in', () => {
    const input = toConnectorInput(shopify);
    expect(input.apiBaseUrl).toBe('https://{shop}.myshopify.com/admin/api/2025-10');
    expect(input.variables).toEqual([
      {
        name: 'shop',
        label: 'Shop',
        example: 'acme-store',
        description: "The shop's subdomain, the part before .myshopify.com",
      },
    ]);
    expect(toConnectorInput(shopify, { variables: { shop: 'acme' } }).variables).toBeUndefined();
  });

  it('marks the first auth method as the default and no other', () => {
    const input = toConnectorInput(github);
    expect(input.authMethods.map((method) => method.isDefault)).toEqual([true, false]);
  });

  it('copies the entry without sharing its action objects', () => {
    const input = toConnectorInput(github);
    expect(input).toMatchObject({ name: 'GitHub', slug: 'github', domain: 'github.com' });
    expect(input.actions).toEqual(github.actions);
    expect(input.actions?.[0]).not.toBe(github.actions[0]);
  });
});
