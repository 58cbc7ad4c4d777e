import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.js';

let t: TestContext;
let key: string;
beforeEach(async () => {
  t = await createTestContext();
  key = (await t.createOrganization()).secretKey;
});
afterEach(() => t.close());

describe('connectors', () => {
  it('creates a connector with a generated slug, ids for its methods and one default', async () => {
    const response = await t.request('POST', '/v1/connectors', {
      key,
      body: {
        name: 'Salesforce CRM',
        domain: 'salesforce.com',
        visibility: 'public',
        iconUrl: 'https://salesforce.com/icon.png',
        authMethods: [{ kind: 'bearer' }, { kind: 'apiKey', in: 'query', name: 'key' }],
      },
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      slug: 'salesforce-crm',
      visibility: 'public',
      editable: true,
      createdBy: { name: 'Olive Owner', externalId: 'olive' },
    });
    expect(response.json.authMethods.map((m: { isDefault: boolean }) => m.isDefault)).toEqual([true, false]);
    expect(response.json.authMethods[0].id).toMatch(/^am_/);
  });

  it('suffixes a generated slug that is taken and refuses a chosen one that is', async () => {
    await t.createConnector(key, { name: 'Stripe' });
    expect((await t.createConnector(key, { name: 'Stripe' })).slug).toBe('stripe-2');
    const taken = await t.request('POST', '/v1/connectors', {
      key,
      body: { name: 'Other', slug: 'stripe', authMethods: [{ kind: 'none' }] },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('slug_taken');
  });

  it.each([
    ['a bad slug', { slug: 'Bad Slug!' }],
    ['an unknown field', { secret: 'x' }],
    ['a wrong type', { name: 42 }],
    ['an http icon', { iconUrl: 'http://example.com/icon.png' }],
    [
      'two defaults',
      {
        authMethods: [
          { kind: 'none', isDefault: true },
          { kind: 'basic', isDefault: true },
        ],
      },
    ],
    ['no auth method', { authMethods: [] }],
    ['a creator from nowhere', { createdBy: 'usr_nobody' }],
  ])('rejects %s with validation_failed and stores nothing', async (_, extra) => {
    const response = await t.request('POST', '/v1/connectors', {
      key,
      body: { name: 'Stripe', authMethods: [{ kind: 'apiKey' }], ...extra },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_failed');
    expect(response.json.error.details.issues.length).toBeGreaterThan(0);
    expect((await t.request('GET', '/v1/connectors', { key })).json.data).toEqual([]);
  });

  it('rejects malformed JSON, a non-JSON body and an oversize body', async () => {
    const bad = await t.request('POST', '/v1/connectors', {
      key,
      raw: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_json']);
    const text = await t.request('POST', '/v1/connectors', {
      key,
      raw: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect([text.status, text.json.error.code]).toEqual([415, 'unsupported_media_type']);
    const huge = await t.request('POST', '/v1/connectors', {
      key,
      body: { name: 'Stripe', description: 'x'.repeat(9_000_000), authMethods: [{ kind: 'none' }] },
    });
    expect([huge.status, huge.json.error.code]).toEqual([413, 'payload_too_large']);
    expect((await t.request('GET', '/v1/connectors', { key })).json.data).toEqual([]);
  });

  it('gets by id or slug, updates visibility and slug, and keeps method ids of kept kinds', async () => {
    const created = await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'bearer' }] });
    expect((await t.request('GET', '/v1/connectors/stripe', { key })).json.id).toBe(created.id);
    const updated = await t.request('PATCH', `/v1/connectors/${created.id}`, {
      key,
      body: {
        visibility: 'public',
        slug: 'stripe-payments',
        authMethods: [{ kind: 'bearer' }, { kind: 'basic', isDefault: true }],
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ visibility: 'public', slug: 'stripe-payments' });
    expect(updated.json.authMethods[0].id).toBe(created.authMethods[0].id);
    expect(updated.json.authMethods[1].isDefault).toBe(true);
  });

  it('deletes a connector with its connections', async () => {
    const created = await t.createConnector(key, { name: 'Stripe', authMethods: [{ kind: 'none' }] });
    const token = await t.mintSession(key);
    await t.request('POST', '/v1/session/connections', { key: token, body: { connector: 'stripe' } });
    expect((await t.request('DELETE', `/v1/connectors/${created.id}`, { key })).status).toBe(204);
    expect((await t.request('GET', `/v1/connectors/${created.id}`, { key })).status).toBe(404);
    expect((await t.request('GET', '/v1/connections', { key })).json.data).toEqual([]);
  });

  it('shows public connectors of other organizations read-only and hides their private ones', async () => {
    const other = await t.createOrganization('Other');
    const shared = await t.createConnector(other.secretKey, { name: 'Shared', visibility: 'public' });
    const hidden = await t.createConnector(other.secretKey, { name: 'Hidden', visibility: 'private' });
    const list = await t.request('GET', '/v1/connectors?scope=public', { key });
    expect(list.json.data.map((c: { name: string }) => c.name)).toEqual(['Shared']);
    expect(list.json.data[0].editable).toBe(false);
    expect((await t.request('GET', `/v1/connectors/${hidden.id}`, { key })).status).toBe(404);
    const patch = await t.request('PATCH', `/v1/connectors/${shared.id}`, { key, body: { name: 'Mine now' } });
    expect([patch.status, patch.json.error.code]).toEqual([403, 'forbidden']);
    expect((await t.request('DELETE', `/v1/connectors/${shared.id}`, { key })).status).toBe(403);
  });

  it('pages through connectors with a cursor', async () => {
    for (const name of ['A1', 'B2', 'C3']) await t.createConnector(key, { name });
    const first = await t.request('GET', '/v1/connectors?scope=own&limit=2', { key });
    expect(first.json.data).toHaveLength(2);
    const second = await t.request('GET', `/v1/connectors?scope=own&limit=2&cursor=${first.json.nextCursor}`, { key });
    expect(second.json.data.map((c: { name: string }) => c.name)).toEqual(['C3']);
    expect(second.json.nextCursor).toBeNull();
    const badLimit = await t.request('GET', '/v1/connectors?limit=0', { key });
    expect([badLimit.status, badLimit.json.error.details.issues[0].path]).toEqual([400, 'query.limit']);
  });
});

describe('streamed bodies', () => {
  it('takes a connector of 1,500 actions, a body far over the usual 64 KB', async () => {
    const actions = Array.from({ length: 1500 }, (_, n) => ({
      key: `action-${n}`,
      name: `Action ${n}`,
      method: 'GET',
      path: `/things/${n}`,
      input: { type: 'object', properties: { expand: { type: 'array', items: { type: 'string' }, 'x-in': 'query' } } },
    }));
    const created = await t.request('POST', '/v1/connectors', {
      key,
      body: { name: 'Large', apiBaseUrl: 'https://api.large.example', authMethods: [{ kind: 'none' }], actions },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.actions).toHaveLength(1500);
  });

  it('cuts off a body without Content-Length once it passes 64 KB', async () => {
    const chunk = new TextEncoder().encode(`{"url":"${'x'.repeat(70_000)}"}`);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await t.app.request('/v1/webhook-endpoints', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
  });
});
