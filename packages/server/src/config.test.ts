import { describe, expect, it } from 'vitest';
import { run } from './cli/run.js';
import { loadConfig } from './config.js';

describe('limit and retention settings from the environment', () => {
  it('defaults to no trusted proxy, 30 days of events, a 1 MB inbound cap and the built-in budgets', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ trustedProxyHops: 0, retentionDays: 30, inboundMaxBytes: 1024 * 1024 });
    expect(config.agentRunLeaseSeconds).toBe(30);
    expect(config.rateLimits).toEqual({});
  });

  it('reads budgets as BURST,PER_MINUTE and the numbers as whole numbers', () => {
    const config = loadConfig({
      PLUGBOARD_TRUSTED_PROXY_HOPS: '2',
      PLUGBOARD_RETENTION_DAYS: '7',
      PLUGBOARD_INBOUND_MAX_BYTES: '262144',
      PLUGBOARD_RATE_LIMIT_SIGN_IN: '5, 1',
      PLUGBOARD_RATE_LIMIT_INBOUND: '50,600',
      PLUGBOARD_RATE_LIMIT_SESSIONS: '10,30',
      PLUGBOARD_AGENT_RUN_LEASE_SECONDS: '5',
    });
    expect(config).toMatchObject({ trustedProxyHops: 2, retentionDays: 7, inboundMaxBytes: 262_144 });
    expect(config.agentRunLeaseSeconds).toBe(5);
    expect(config.rateLimits).toEqual({
      signInPerClient: { burst: 5, perSecond: 1 / 60 },
      inboundPerUrl: { burst: 50, perSecond: 10 },
      sessionsPerOrganization: { burst: 10, perSecond: 0.5 },
    });
  });

  it('reads the worker intervals (0 turns one off), the worker lease and the tenant call budget', () => {
    expect(loadConfig({})).toMatchObject({
      workerIntervals: {
        deliveryIntervalMs: 1000,
        pollingIntervalMs: 15_000,
        backgroundRefreshMs: 60_000,
        retentionIntervalMs: 3_600_000,
      },
    });
    expect(loadConfig({}).workerLeaseSeconds).toBeUndefined();
    const config = loadConfig({
      PLUGBOARD_DELIVERY_INTERVAL_MS: '20',
      PLUGBOARD_POLLING_INTERVAL_MS: '0',
      PLUGBOARD_REFRESH_INTERVAL_MS: '500',
      PLUGBOARD_RETENTION_INTERVAL_MS: '60000',
      PLUGBOARD_WORKER_LEASE_SECONDS: '6',
      PLUGBOARD_RATE_LIMIT_TENANT_CALLS: '5,60',
    });
    expect(config).toMatchObject({
      workerIntervals: {
        deliveryIntervalMs: 20,
        pollingIntervalMs: 0,
        backgroundRefreshMs: 500,
        retentionIntervalMs: 60_000,
      },
      workerLeaseSeconds: 6,
      tenantRateLimit: { burst: 5, perSecond: 1 },
    });
  });

  it.each([
    ['PLUGBOARD_DELIVERY_INTERVAL_MS', '-5'],
    ['PLUGBOARD_POLLING_INTERVAL_MS', 'often'],
    ['PLUGBOARD_WORKER_LEASE_SECONDS', '0'],
    ['PLUGBOARD_RATE_LIMIT_TENANT_CALLS', '5'],
    ['PLUGBOARD_RATE_LIMIT_SIGN_IN', '20'],
    ['PLUGBOARD_RATE_LIMIT_SIGN_IN', '0,2'],
    ['PLUGBOARD_RATE_LIMIT_INBOUND', '10,0'],
    ['PLUGBOARD_RATE_LIMIT_SESSIONS', '1.5,2'],
    ['PLUGBOARD_RATE_LIMIT_SESSIONS', '10,2,3'],
    ['PLUGBOARD_TRUSTED_PROXY_HOPS', '-1'],
    ['PLUGBOARD_RETENTION_DAYS', '0'],
    ['PLUGBOARD_INBOUND_MAX_BYTES', 'lots'],
    ['PLUGBOARD_AGENT_RUN_LEASE_SECONDS', '0'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('the insecure OAuth endpoints setting', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['', false],
    [undefined, false],
  ])('reads PLUGBOARD_ALLOW_INSECURE_OAUTH=%j as allowInsecureOAuthEndpoints %s', (value, allowed) => {
    const env = value === undefined ? {} : { PLUGBOARD_ALLOW_INSECURE_OAUTH: value };
    expect(loadConfig(env).allowInsecureOAuthEndpoints).toBe(allowed);
  });

  it('lists PLUGBOARD_ALLOW_INSECURE_OAUTH in plugboard --help, as development only', async () => {
    const out: string[] = [];
    await run(['--help'], {}, { out: (text) => out.push(text), err: () => {} });
    expect(out.join('\n')).toMatch(/PLUGBOARD_ALLOW_INSECURE_OAUTH\s+development only/i);
  });
});

describe('metrics and call log settings from the environment', () => {
  it('keeps /metrics off and call logs for 30 days unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.metrics).toBeUndefined();
    expect(config.logRetentionDays).toBe(30);
    expect(loadConfig({ PLUGBOARD_LOG_RETENTION_DAYS: '7' }).logRetentionDays).toBe(7);
    expect(() => loadConfig({ PLUGBOARD_LOG_RETENTION_DAYS: '0' })).toThrow('PLUGBOARD_LOG_RETENTION_DAYS');
  });

  it('reads the metrics token, port and host, and refuses a short token or a bad port', () => {
    const token = 'a-metrics-token-of-24ch';
    expect(loadConfig({ PLUGBOARD_METRICS_TOKEN: token }).metrics).toEqual({ token, host: '127.0.0.1' });
    expect(loadConfig({ PLUGBOARD_METRICS_PORT: '9464', PLUGBOARD_METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      port: 9464,
      host: '0.0.0.0',
    });
    expect(() => loadConfig({ PLUGBOARD_METRICS_TOKEN: 'short' })).toThrow('at least 16 characters');
    expect(() => loadConfig({ PLUGBOARD_METRICS_PORT: '70000' })).toThrow('PLUGBOARD_METRICS_PORT');
    expect(() => loadConfig({ PLUGBOARD_METRICS_PORT: 'abc' })).toThrow('PLUGBOARD_METRICS_PORT');
  });
});
