// The floor every route pays: what Plugboard's middleware stack (request id, metrics, request log, security
// headers, body limits) and a secret key's check cost beyond a bare Hono route answering the same body, and
// what the request log costs (the same route with PLUGBOARD_LOG_LEVEL at its default, `info`, and at `silent`).
// Each figure also prints the server CPU each request cost on both sides, steadier than rps on a shared machine.
// Run through `pnpm bench`.
import { heading, report } from '../../../../scripts/bench-report.mjs';
import {
  benchEngines,
  besideBareHono,
  cpuTimeMs,
  createOrganization,
  freshDatabase,
  startPlugboard,
  throughput,
} from './harness.mjs';

/**
 * Throughput of `GET path` on a running server and the CPU it used per request meanwhile, in microseconds.
 * @param {{ url: string, pid: number }} server
 * @param {string} path
 * @param {Record<string, string>} headers
 */
async function measure(server, path, headers) {
  const before = cpuTimeMs(server.pid);
  const started = performance.now();
  const rps = await throughput({ url: `${server.url}${path}`, headers });
  const after = cpuTimeMs(server.pid);
  // throughput() warms up for a second before measuring for five: the CPU covers both.
  const requests = rps * ((performance.now() - started) / 1000);
  const cpuUs = before === undefined || after === undefined ? undefined : ((after - before) * 1000) / requests;
  return { rps, cpuUs };
}

const cpuNote = (label, cpuUs) => (cpuUs === undefined ? '' : `${label} ~${Math.round(cpuUs)} us CPU/request`);

for (const engine of benchEngines()) {
  const databaseUrl = await freshDatabase(engine);
  const { secretKey } = createOrganization(databaseUrl);
  const auth = { authorization: `Bearer ${secretKey}` };
  const plugboard = await startPlugboard(databaseUrl);
  try {
    heading(`The floor on ${engine}: middleware and a secret key's check (32 concurrent, node ${process.version})`);
    for (const [path, headers] of [
      ['/healthz', {}],
      ['/v1/organization', auth],
    ]) {
      const measured = await besideBareHono(plugboard.url, path, headers);
      report({
        name: `${engine}: floor, GET ${path}`,
        ...measured,
        unit: 'rps',
        baselineName: 'bare Hono route',
      });
    }
  } finally {
    await plugboard.stop();
  }

  // Logging on against off, one server after the other on the same database, each measured the same way.
  const logged = await startPlugboard(databaseUrl);
  const on = await measure(logged, '/v1/organization', auth).finally(() => logged.stop());
  const quiet = await startPlugboard(databaseUrl, { PLUGBOARD_LOG_LEVEL: 'silent' });
  const off = await measure(quiet, '/v1/organization', auth).finally(() => quiet.stop());
  heading(`The request log on ${engine}: ${cpuNote('logging on', on.cpuUs)}, ${cpuNote('off', off.cpuUs)}`);
  report({
    name: `${engine}: GET /v1/organization, logging on (info) vs off (silent)`,
    plugboard: on.rps,
    baseline: off.rps,
    unit: 'rps',
    baselineName: 'PLUGBOARD_LOG_LEVEL=silent',
  });
}
