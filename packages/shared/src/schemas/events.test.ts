import { describe, expect, it } from 'vitest';
import { eventDefinitionsSchema, webhookEndpointCreateSchema } from './events.js';

const webhook = { key: 'contact.created', name: 'Contact created', delivery: { kind: 'webhook' } };

describe('event schemas', () => {
  it('accepts webhook and polling events and fills in the description', () => {
    const parsed = eventDefinitionsSchema.parse([
      webhook,
      {
        key: 'deal.won',
        name: 'Deal won',
        delivery: { kind: 'polling', action: 'list-deals', intervalSeconds: 300, itemsPath: 'data', idField: 'id' },
      },
    ]);
    expect(parsed[0]?.description).toBe('');
  });

  it('refuses duplicate keys, an unknown signature algorithm and polls more often than once a minute', () => {
    expect(eventDefinitionsSchema.safeParse([webhook, webhook]).success).toBe(false);
    const md5 = {
      ...webhook,
      delivery: { kind: 'webhook', signature: { header: 'X', algorithm: 'md5', encoding: 'hex' } },
    };
    expect(eventDefinitionsSchema.safeParse([md5]).success).toBe(false);
    const eager = {
      ...webhook,
      delivery: { kind: 'polling', action: 'a', intervalSeconds: 5, itemsPath: '', idField: 'id' },
    };
    expect(eventDefinitionsSchema.safeParse([eager]).success).toBe(false);
  });

  it('takes http(s) endpoint URLs only', () => {
    expect(webhookEndpointCreateSchema.safeParse({ url: 'https://api.vendor.example/hooks' }).success).toBe(true);
    expect(webhookEndpointCreateSchema.safeParse({ url: 'ftp://api.vendor.example/hooks' }).success).toBe(false);
    expect(webhookEndpointCreateSchema.safeParse({ url: 'https://x.example', secret: 'mine' }).success).toBe(false);
  });
});
