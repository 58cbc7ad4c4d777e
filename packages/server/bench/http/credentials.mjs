// `GET /v1/connections/{id}/credentials` with the secret key, 32 at a time, beside a bare Hono route on
// @hono/node-server answering with the same JSON, on each engine. Run through `pnpm bench`.
import { heading, report } from '../../../../scripts/bench-report.mjs';
import { benchEngines, besideBareHono, createOrganization, freshDatabase, startPlugboard } from './harness.mjs';
import { connectWithApiKey, createApiKeyConnector, mintSession } from './seed.mjs';

for (const engine of benchEngines()) {
  const databaseUrl = await freshDatabase(engine);
  const { secretKey } = createOrganization(databaseUrl);
  const plugboard = await startPlugboard(databaseUrl);
  try {
    const connector = await createApiKeyConnector(plugboard.url, secretKey, { name: 'Bench API' });
    const session = await mintSession(plugboard.url, secretKey, 'tenant-1');
    const connection = await connectWithApiKey(plugboard.url, session, connector.id, 'key-0123456789abcdef');
    heading(`Credentials fetch on ${engine} (32 concurrent, node ${process.version})`);
    const path = `/v1/connections/${connection.id}/credentials`;
    const measured = await besideBareHono(plugboard.url, path, { authorization: `Bearer ${secretKey}` });
    report({
      name: `${engine}: GET /v1/connections/{id}/credentials`,
      ...measured,
      unit: 'rps',
      baselineName: 'bare Hono route',
    });
  } finally {
    await plugboard.stop();
  }
}
