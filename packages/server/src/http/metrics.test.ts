import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime.js';
import type { Metrics } from '../services/metrics.js';
import { createTestContext, type TestContext } from '../test/context.js';
import { connectEchoTenants, ECHO_API_KEY } from '../test/echo-connection.js';
import { startThirdParty } from '../test/third-party.js';
import { createMetricsApp } from './metrics.js';

const TOKEN = 'metrics-token-0123456789';

let api: Awaited<ReturnType<typeof startThirdParty>>;
let t: TestContext;
beforeAll(async () => {
  api = await startThirdParty();
});
afterAll(() => api.close());
afterEach(() => t.close());

const scrape = (token?: string) =>
  t.request('GET', '/metrics', token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('GET /metrics', () => {
  it("counts a test's requests by route template and its upstream calls by connector, behind its own token", async () => {
    t = await createTestContext({ egressAllowHosts: [new URL(api.url).host], metricsToken: TOKEN });
    const { key, connections } = await connectEchoTenants(t, api.url, ['tenant-a']);
    for (let i = 0; i < 2; i++) {
      const ran = await t.request('POST', '/v1/actions/run', {
        key,
        body: { connectionId: connections['tenant-a'], action: 'get-thing', input: { id: `thing-${i}` } },
      });
      expect(ran.status, ran.text).toBe(200);
    }
    expect((await t.request('GET', `/v1/connections/${connections['tenant-a']}`, { key })).status).toBe(200);
    expect((await t.request('GET', '/v1/no-such-route/cxn_secret_path', { key })).status).toBe(404);
    expect((await t.request('DELETE', '/v1/logs', { key })).status).toBe(405);

    const scraped = await scrape(TOKEN);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toContain('text/plain');
    const text = scraped.text;
    expect(text).toContain('plugboard_http_requests_total{method="POST",route="/v1/actions/run",status="200"} 2');
    expect(text).toContain('plugboard_http_requests_total{method="GET",route="/v1/connections/:id",status="200"} 1');
    expect(text).toContain('plugboard_upstream_calls_total{kind="action",connector="echo",status="200"} 2');
    expect(text).toMatch(
      /plugboard_http_request_duration_seconds_count\{method="POST",route="\/v1\/actions\/run",status="200"\} 2/,
    );
    expect(text).toContain('plugboard_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('plugboard_http_requests_total{method="DELETE",route="unmatched",status="405"} 1');
    expect(text).not.toContain('cxn_secret_path');
    expect(text).toContain('plugboard_delivery_queue_depth 0');
    expect(text).toContain('plugboard_delivery_queue_oldest_age_seconds 0');
    // Route templates, never concrete ids or anything a caller sent.
    for (const leaked of [connections['tenant-a'] ?? '', 'thing-0', ECHO_API_KEY, key])
      expect(text).not.toContain(leaked);
  });

  it('refuses a scrape without the token or with a wrong one, and is not served at all without one configured', async () => {
    t = await createTestContext({ metricsToken: TOKEN });
    for (const token of [undefined, 'metrics-token-wrong-value', `${TOKEN}x`]) {
      const refused = await scrape(token);
      expect(refused.status).toBe(401);
      expect(refused.json.error.code).toBe('unauthenticated');
      expect(refused.text).not.toContain('plugboard_');
    }
    await t.close();
    t = await createTestContext();
    expect((await scrape(TOKEN)).status).toBe(404);
  });

  it('counts rate-limit rejections by route and of tenant calls', async () => {
    t = await createTestContext({
      egressAllowHosts: [new URL(api.url).host],
      tenantRateLimit: { burst: 1, perSecond: 0.001 },
      metricsToken: TOKEN,
    });
    const { key, connections } = await connectEchoTenants(t, api.url, ['tenant-a']);
    const run = () =>
      t.request('POST', '/v1/actions/run', {
        key,
        body: { connectionId: connections['tenant-a'], action: 'get-thing', input: { id: '1' } },
      });
    expect((await run()).status).toBe(200);
    expect((await run()).status).toBe(429);
    const { text } = await scrape(TOKEN);
    expect(text).toContain('plugboard_rate_limit_rejections_total{scope="/v1/actions/run"} 1');
    expect(text).toContain('plugboard_rate_limit_rejections_total{scope="tenant_calls"} 1');
    expect(text).toContain('plugboard_upstream_calls_total{kind="action",connector="echo",status="rate_limited"} 1');
  });

  it('serves a listener of its own with only /metrics, open or behind the token', async () => {
    t = await createTestContext();
    const runtime = createRuntime({ store: t.store, keyring: t.keyring });
    const open = createMetricsApp(runtime.deps.metrics as Metrics, undefined);
    const scraped = await open.request('/metrics');
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('plugboard_delivery_queue_depth 0');
    expect((await open.request('/v1/connections')).status).toBe(404);
    const guarded = createMetricsApp(runtime.deps.metrics as Metrics, TOKEN);
    expect((await guarded.request('/metrics')).status).toBe(401);
    const allowed = await guarded.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
  });
});
