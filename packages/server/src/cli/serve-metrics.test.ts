// `plugboard serve` with metrics configured, as an operator runs it: the built CLI in a child process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCliProcess } from '../test/cli-process.js';

const TOKEN = 'serve-metrics-token-42x';
let dir: string;
let env: Record<string, string>;
const stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-metrics-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    PLUGBOARD_DATA_DIR: dir,
    PLUGBOARD_DATABASE_URL: `file:${join(dir, 'plugboard.db')}`,
  };
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await rm(dir, { recursive: true, force: true });
});

async function serve(extraEnv: Record<string, string>) {
  const child = startCliProcess(['serve'], { ...env, ...extraEnv });
  stops.push(() => child.stop());
  const url = (await child.stderrMatching(/listening on (http:\/\/\S+)/))[1] as string;
  return { child, url };
}

describe('plugboard serve with metrics', () => {
  it('serves /metrics on a port of its own with PLUGBOARD_METRICS_PORT, and not on the API', async () => {
    const { child, url } = await serve({ PLUGBOARD_METRICS_PORT: '0' });
    const metricsUrl = (await child.stderrMatching(/metrics served at (http:\/\/\S+)/))[1] as string;
    expect(new URL(metricsUrl).port).not.toBe(new URL(url).port);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    const scraped = await fetch(metricsUrl);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain(
      'plugboard_http_requests_total{method="GET",route="/healthz",status="200"} 1',
    );
  });

  it('serves /metrics beside the API behind PLUGBOARD_METRICS_TOKEN, and refuses a short token at start', async () => {
    const { url } = await serve({ PLUGBOARD_METRICS_TOKEN: TOKEN });
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('plugboard_delivery_queue_depth 0');

    const refused = startCliProcess(['serve'], { ...env, PLUGBOARD_METRICS_TOKEN: 'short' });
    stops.push(() => refused.stop());
    expect(await refused.exited).not.toBe(0);
    expect(refused.output.stderr).toContain('PLUGBOARD_METRICS_TOKEN must be at least 16 characters');
  });
});
