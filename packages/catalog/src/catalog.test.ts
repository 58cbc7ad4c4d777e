import {
  connectorCreateSchema,
  domainSchema,
  eventSignatureSchema,
  placesOfAll,
  slugSchema,
  variableUsageIssues,
  variableValueProblem,
} from '@plugboard/shared';
import { describe, expect, it } from 'vitest';
import { PROVIDER_CATEGORIES, providers, toConnectorInput } from './index.js';
import { exampleVariables, providerFileSlugs, providerUrls } from './test/fixtures.js';

const CORE_CATEGORIES = [
  'crm',
  'chat',
  'payments',
  'email',
  'code-hosting',
  'accounting',
  'storage',
  'e-commerce',
] as const;

describe('the catalog', () => {
  it('holds at least 40 providers covering the eight core categories', () => {
    expect(providers.length).toBeGreaterThanOrEqual(40);
    for (const category of CORE_CATEGORIES) {
      expect(providers.filter((provider) => provider.category === category).length, category).toBeGreaterThan(0);
    }
    for (const provider of providers) expect(PROVIDER_CATEGORIES).toContain(provider.category);
  });

  it('lists every file under src/providers once, sorted by slug', () => {
    expect(providers.map((provider) => provider.slug)).toEqual(providerFileSlugs);
  });

  it('says how the providers that sign their webhooks sign them', () => {
    const signed = providers.filter((provider) => provider.webhookSignature).map((provider) => provider.slug);
    expect(signed).toEqual(expect.arrayContaining(['github', 'shopify', 'slack', 'stripe']));
  });

  it('has unique slugs, names and domains', () => {
    for (const key of ['slug', 'name', 'domain'] as const) {
      const values = providers.map((provider) => provider[key].toLowerCase());
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('exports each provider from its own file under the camel-cased slug, and nothing else', async () => {
    for (const slug of providerFileSlugs) {
      const module: Record<string, unknown> = await import(`./providers/${slug}.ts`);
      const name = slug.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
      expect(Object.keys(module), slug).toEqual([name]);
      expect((module[name] as { slug: string }).slug).toBe(slug);
    }
  });
});

describe.each(providers.map((provider) => [provider.slug, provider] as const))('%s', (_, provider) => {
  it('is a valid connector draft once its placeholders are filled', () => {
    const result = connectorCreateSchema.safeParse(
      toConnectorInput(provider, { variables: exampleVariables(provider) }),
    );
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('is a valid connector draft with its placeholders left in, declaring each as a connector variable', () => {
    const input = toConnectorInput(provider);
    expect(connectorCreateSchema.safeParse(input).error?.issues ?? []).toEqual([]);
    expect(variableUsageIssues(input, input.variables ?? [])).toEqual([]);
    for (const variable of input.variables ?? []) {
      const places = placesOfAll(providerUrls(provider).map(([, url]) => url)).get(variable.name) ?? [];
      expect(variableValueProblem(variable, variable.example, places), variable.name).toBeUndefined();
    }
  });

  it('has a valid slug and domain, a description and at least one action', () => {
    expect(slugSchema.safeParse(provider.slug).success).toBe(true);
    expect(domainSchema.safeParse(provider.domain).success).toBe(true);
    expect(provider.description.length).toBeGreaterThan(10);
    expect(provider.actions.length).toBeGreaterThan(0);
  });

  it('uses https for every URL', () => {
    for (const [where, url] of providerUrls(provider)) {
      expect(new URL(url.replace(/\{(\w+)\}/g, 'x')).protocol, where).toBe('https:');
    }
  });

  it('declares every placeholder it uses, with an example, and uses every one it declares', () => {
    const used = new Set(providerUrls(provider).flatMap(([, url]) => [...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual(Object.keys(provider.variables ?? {}).sort());
    for (const variable of Object.values(provider.variables ?? {})) expect(variable.example).not.toBe('');
  });

  it('declares a webhook signature the inbound check takes, if any', () => {
    if (provider.webhookSignature) {
      expect(eventSignatureSchema.safeParse(provider.webhookSignature).error?.issues ?? []).toEqual([]);
    }
  });

  it('marks PKCE only on providers with an OAuth 2.0 method', () => {
    if (provider.pkce) expect(provider.authMethods.some((method) => method.kind === 'oauth2')).toBe(true);
  });
});
