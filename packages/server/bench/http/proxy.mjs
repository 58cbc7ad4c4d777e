// Calls to a third-party API through Plugboard beside a bare Node pass-through proxy to the same loopback API, on
// each engine: `POST /v1/proxy`, `POST /v1/actions/run` and the streaming proxy `GET /v1/proxy/{path}`, 32 at a
// time (throughput), one at a time (median latency), and the CPU time the server process spends per call (steadier than
// either on a shared machine). Run through `pnpm bench`.
import { heading, report } from '../../../../scripts/bench-report.mjs';
import {
  benchEngines,
  cpuTimeMs,
  createOrganization,
  freshDatabase,
  latencyP50,
  startPlugboard,
  startServerProcess,
  throughput,
} from './harness.mjs';
import { connectWithApiKey, createApiKeyConnector, mintSession } from './seed.mjs';

/** Calls per latency measure (latencyP50 adds a tenth as warm-up, counted in the CPU time too). */
const RUNS = 2000;
const script = (name) => new URL(`./${name}`, import.meta.url).pathname;
const upstream = await startServerProcess([script('upstream.mjs')]);
const bare = await startServerProcess([script('pass-through.mjs'), upstream.url]);

for (const engine of benchEngines()) {
  const databaseUrl = await freshDatabase(engine);
  const { secretKey } = createOrganization(databaseUrl);
  const plugboard = await startPlugboard(databaseUrl, {
    PLUGBOARD_EGRESS_ALLOW_HOSTS: new URL(upstream.url).host,
    // The budget is not what is measured: high enough that no call is refused.
    PLUGBOARD_RATE_LIMIT_TENANT_CALLS: '100000000,6000000000',
  });
  const connector = await createApiKeyConnector(plugboard.url, secretKey, {
    name: 'Bench API',
    apiBaseUrl: `${upstream.url}/v1`,
    actions: [{ key: 'list-contacts', name: 'List contacts', method: 'GET', path: '/contacts' }],
  });
  const session = await mintSession(plugboard.url, secretKey, 'tenant-1');
  const connection = await connectWithApiKey(plugboard.url, session, connector.id, 'key-0123456789abcdef');
  const auth = { authorization: `Bearer ${secretKey}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const targets = [
    {
      name: 'POST /v1/proxy',
      method: 'POST',
      url: `${plugboard.url}/v1/proxy`,
      headers: json,
      body: JSON.stringify({ connectionId: connection.id, method: 'GET', path: '/contacts' }),
    },
    {
      name: 'POST /v1/actions/run',
      method: 'POST',
      url: `${plugboard.url}/v1/actions/run`,
      headers: json,
      body: JSON.stringify({ connectionId: connection.id, action: 'list-contacts' }),
    },
    {
      name: 'GET /v1/proxy/{path}',
      method: 'GET',
      url: `${plugboard.url}/v1/proxy/contacts`,
      headers: { ...auth, 'plugboard-connection-id': connection.id },
    },
  ];
  const baseline = { method: 'GET', url: `${bare.url}/v1/contacts`, headers: auth };

  heading(`Calls through Plugboard to a loopback API on ${engine} (node ${process.version})`);
  const baseRps = await throughput(baseline);
  for (const { name, ...target } of targets) {
    const rps = await throughput(target);
    report({
      name: `${engine}: ${name}, 32 concurrent`,
      plugboard: rps,
      baseline: baseRps,
      unit: 'rps',
      baselineName: 'pass-through',
    });
  }
  // One at a time, with the CPU time the server process spent on those calls (the upstream's left out on both sides).
  const sequential = async (target, server) => {
    const before = cpuTimeMs(server.pid);
    const p50 = await latencyP50({ ...target, runs: RUNS });
    const after = cpuTimeMs(server.pid);
    return { p50, cpu: before === undefined || after === undefined ? undefined : (after - before) / (RUNS * 1.1) };
  };
  const base = await sequential(baseline, bare);
  const measured = [];
  for (const { name, ...target } of targets) measured.push({ name, ...(await sequential(target, plugboard)) });
  for (const { name, p50 } of measured) {
    report({
      name: `${engine}: ${name}, 1 at a time, p50`,
      plugboard: p50,
      baseline: base.p50,
      unit: 'ms',
      baselineName: 'pass-through',
    });
  }
  for (const { name, cpu } of measured) {
    if (cpu === undefined || base.cpu === undefined) continue;
    report({
      name: `${engine}: ${name}, server CPU per call`,
      plugboard: cpu,
      baseline: base.cpu,
      unit: 'ms',
      baselineName: 'pass-through',
    });
  }
  await plugboard.stop();
}
await Promise.all([bare.stop(), upstream.stop()]);
