import { describe, expect, it } from 'vitest';
import { findProvider, providers } from './index.js';
import { matchProvider } from './match.js';
import { github } from './providers/github.js';
import { hubspot } from './providers/hubspot.js';

describe('findProvider', () => {
  it.each([
    ['HubSpot CRM', 'hubspot'],
    ['hubspot', 'hubspot'],
    ['  HUBSPOT  ', 'hubspot'],
    ['the HubSpot API', 'hubspot'],
    ['Slack', 'slack'],
    ['google drive', 'google-drive'],
    ['GoogleDrive', 'google-drive'],
    ['google-drive', 'google-drive'],
    ['Microsoft Teams', 'microsoft-teams'],
    ['MS Teams', 'microsoft-teams'],
    ['QuickBooks', 'quickbooks'],
    ['monday.com', 'monday'],
    ['Sendinblue', 'brevo'],
    ['Stripe payments', 'stripe'],
    ['Shopify store', 'shopify'],
    ['Lemon Squeezy', 'lemon-squeezy'],
    ['Docusign eSignature API', 'docusign'],
  ])('finds %j as %s', (query, slug) => {
    expect(findProvider(query)?.slug).toBe(slug);
  });

  it.each([
    ['https://developers.hubspot.com/docs/api/overview', 'hubspot'],
    ['https://docs.stripe.com/api', 'stripe'],
    ['api.github.com', 'github'],
    ['https://api.hubapi.com/crm/v3/objects/contacts', 'hubspot'],
    ['xero.com', 'xero'],
    ['https://acme.zendesk.com/agent', 'zendesk'],
  ])('finds the URL or domain %j by host as %s', (query, slug) => {
    expect(findProvider(query)?.slug).toBe(slug);
  });

  it('finds every provider by its slug, name, domain and aliases', () => {
    for (const provider of providers) {
      for (const query of [provider.slug, provider.name, provider.domain, ...(provider.aliases ?? [])]) {
        expect(findProvider(query)?.slug, query).toBe(provider.slug);
      }
    }
  });

  it.each([[''], ['   '], ['Acme Widgets'], ['https://example.com'], ['CRM'], ['API']])(
    'finds nothing for %j',
    (query) => {
      expect(findProvider(query)).toBeUndefined();
    },
  );
});

describe('matchProvider', () => {
  it('searches only the candidates it is given', () => {
    expect(matchProvider('HubSpot CRM', [github, hubspot])).toBe(hubspot);
    expect(matchProvider('Slack', [github, hubspot])).toBeUndefined();
  });
});
