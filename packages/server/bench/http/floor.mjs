// The floor every route pays: what Plugboard's middleware stack (request id, metrics, request log, security
// headers, body limits) and a secret key's check cost beyond a bare Hono route answering the same body, and
// what the request log costs (the same route with PLUGBOARD_LOG_LEVEL at its default, `info`, and at `silent`;
// ratio on/off, so 1 means logging costs nothing). Each heading also tells the server CPU per request on both
// sides, steadier than throughput on a shared machine. Run through `pnpm bench`.
import { heading, report } from '../../../../scripts/bench-report.mjs';
import {
  benchEngines,
  besideBareHono,
  createOrganization,
  freshDatabase,
  startPlugboard,
  throughput,
  throughputAndCpu,
} from './harness.mjs';

const warmUp = (server, path, headers) => throughput({ url: `${server.url}${path}`, headers, seconds: 2 });

/** {@link throughputAndCpu} once the server is warm. */
async function warmedUp(server, path, headers) {
  await warmUp(server, path, headers);
  return throughputAndCpu(server, path, headers);
}

const us = (cpuUs) => (cpuUs === undefined ? '?' : `${Math.round(cpuUs)} us`);

for (const engine of benchEngines()) {
  const databaseUrl = await freshDatabase(engine);
  const { secretKey } = createOrganization(databaseUrl);
  const auth = { authorization: `Bearer ${secretKey}` };
  const paths = [
    ['/healthz', {}],
    ['/v1/organization', auth],
  ];
  const plugboard = await startPlugboard(databaseUrl);
  try {
    // A fresh process runs cold: both paths are warmed up first, so that no figure measures the JIT.
    for (const [path, headers] of paths) await warmUp(plugboard, path, headers);
    for (const [path, headers] of paths) {
      const { cpuUs, ...measured } = await besideBareHono(plugboard, path, headers);
      heading(
        `The floor on ${engine}, GET ${path} (32 concurrent, node ${process.version}): CPU per request ` +
          `${us(cpuUs?.plugboard)} in Plugboard, ${us(cpuUs?.baseline)} in bare Hono`,
      );
      report({ name: `${engine}: floor, GET ${path}`, ...measured, unit: 'rps', baselineName: 'bare Hono route' });
    }
  } finally {
    await plugboard.stop();
  }

  // Logging on against off: one server after the other on the same database, each measured the same way.
  const logged = await startPlugboard(databaseUrl);
  const on = await warmedUp(logged, '/v1/organization', auth).finally(() => logged.stop());
  const quiet = await startPlugboard(databaseUrl, { PLUGBOARD_LOG_LEVEL: 'silent' });
  const off = await warmedUp(quiet, '/v1/organization', auth).finally(() => quiet.stop());
  heading(`The request log on ${engine}: CPU per request ${us(on.cpuUs)} logging on, ${us(off.cpuUs)} off`);
  report({
    name: `${engine}: GET /v1/organization, logging on (info) vs off (silent)`,
    plugboard: on.rps,
    baseline: off.rps,
    unit: 'rps',
    baselineName: 'PLUGBOARD_LOG_LEVEL=silent',
  });
}
