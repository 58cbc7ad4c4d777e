// `GET /v1/connections/{id}/credentials` with the secret key, 32 at a time, beside a bare Hono route on
// @hono/node-server answering with the same JSON, on each engine. Run through `pnpm bench`.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heading, report } from '../../../../scripts/bench-report.mjs';
import {
  benchEngines,
  createOrganization,
  freshDatabase,
  startPlugboard,
  startServerProcess,
  throughput,
} from './harness.mjs';
import { api, connectWithApiKey, createApiKeyConnector, mintSession } from './seed.mjs';

const bareHono = new URL('./bare-hono.mjs', import.meta.url).pathname;

for (const engine of benchEngines()) {
  const databaseUrl = await freshDatabase(engine);
  const { secretKey } = createOrganization(databaseUrl);
  const plugboard = await startPlugboard(databaseUrl);
  const connector = await createApiKeyConnector(plugboard.url, secretKey, { name: 'Bench API' });
  const session = await mintSession(plugboard.url, secretKey, 'tenant-1');
  const connection = await connectWithApiKey(plugboard.url, session, connector.id, 'key-0123456789abcdef');
  const path = `/v1/connections/${connection.id}/credentials`;
  const headers = { authorization: `Bearer ${secretKey}` };
  const body = JSON.stringify(await api(plugboard.url, secretKey, 'GET', path));
  const bodyFile = join(tmpdir(), `plugboard-bench-credentials-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  const bare = await startServerProcess([bareHono, bodyFile]);

  heading(`Credentials fetch on ${engine} (32 concurrent, node ${process.version})`);
  const baseline = await throughput({ url: `${bare.url}${path}`, headers });
  const measured = await throughput({ url: `${plugboard.url}${path}`, headers });
  report({
    name: `${engine}: GET /v1/connections/{id}/credentials`,
    plugboard: measured,
    baseline,
    unit: 'rps',
    baselineName: 'bare Hono route',
  });
  await Promise.all([plugboard.stop(), bare.stop()]);
}
