// The listings a page load asks for, each beside a bare Hono route on @hono/node-server answering with the same
// JSON, 32 at a time, on each engine: the widget's cards (`GET /v1/session/connectors` with 200 connectors, with
// the session token and the page's Origin, as the widget sends them) and a page of connections
// (`GET /v1/connections?limit=50`, credentials masked, with the secret key; `GET /v1/session/connections`, the
// tenant's 50 connections, with a session token). Run through `pnpm bench`.
import { heading, report } from '../../../../scripts/bench-report.mjs';
import { benchEngines, besideBareHono, createOrganization, freshDatabase, startPlugboard } from './harness.mjs';
import { api, connectWithApiKey, createApiKeyConnector, mintSession } from './seed.mjs';

const CONNECTORS = 200;
const CONNECTIONS = 50;
const origin = 'https://app.bench.example';

/** A connector as a vendor defines one: a description, an icon, a few actions with their inputs. */
const connectorOf = (index) => ({
  name: `Bench API ${String(index).padStart(3, '0')}`,
  description: `The bench's API number ${index}: contacts, deals and invoices of a small business.`,
  iconUrl: `https://icons.bench.example/${index}.svg`,
  apiBaseUrl: `https://api${index}.bench.example`,
  actions: ['list', 'get', 'create'].map((verb) => ({
    key: `${verb}-contacts`,
    name: `${verb[0]?.toUpperCase()}${verb.slice(1)} contacts`,
    description: `${verb} the contacts of the account`,
    method: verb === 'create' ? 'POST' : 'GET',
    path: verb === 'get' ? '/contacts/{id}' : '/contacts',
    input: {
      type: 'object',
      properties: {
        ...(verb === 'get' ? { id: { type: 'string', 'x-in': 'path' } } : {}),
        name: { type: 'string' },
        email: { type: 'string' },
      },
    },
  })),
});

/** Measures one listing beside the bare route serving the body Plugboard answered it with. */
async function measure(engine, plugboard, name, path, headers) {
  const { bytes, cpuUs, ...measured } = await besideBareHono(plugboard, path, headers);
  const kb = Math.round(bytes / 1024);
  report({ name: `${engine}: ${name} (${kb} KB)`, ...measured, unit: 'rps', baselineName: 'bare Hono route' });
  // On stderr, so that `--json` keeps one object per line: on a shared machine, steadier than the throughput.
  const us = (value) => (value === undefined ? '?' : `${Math.round(value)} us`);
  process.stderr.write(
    `${engine}: ${name}: CPU per request ${us(cpuUs?.plugboard)}, bare Hono ${us(cpuUs?.baseline)}\n`,
  );
}

for (const engine of benchEngines()) {
  const databaseUrl = await freshDatabase(engine);
  const { secretKey } = createOrganization(databaseUrl);
  const plugboard = await startPlugboard(databaseUrl);
  try {
    await api(plugboard.url, secretKey, 'PATCH', '/v1/organization', { allowedOrigins: [origin] });
    const connectors = [];
    for (let index = 0; index < CONNECTORS; index += 1) {
      connectors.push(await createApiKeyConnector(plugboard.url, secretKey, connectorOf(index)));
    }
    const session = await mintSession(plugboard.url, secretKey, 'tenant-1');
    for (let index = 0; index < CONNECTIONS; index += 1) {
      const connector = connectors[index % connectors.length];
      await connectWithApiKey(plugboard.url, session, connector.id, `key-${index}-0123456789abcdef`);
    }

    heading(`Listings on ${engine} (32 concurrent, node ${process.version})`);
    const widget = { authorization: `Bearer ${session}`, origin };
    await measure(
      engine,
      plugboard,
      `GET /v1/session/connectors, ${CONNECTORS} connectors`,
      '/v1/session/connectors',
      widget,
    );
    await measure(engine, plugboard, `GET /v1/session/connections, ${CONNECTIONS}`, '/v1/session/connections', widget);
    await measure(
      engine,
      plugboard,
      `GET /v1/connections?limit=${CONNECTIONS}, secret key`,
      `/v1/connections?limit=${CONNECTIONS}`,
      {
        authorization: `Bearer ${secretKey}`,
      },
    );
  } finally {
    await plugboard.stop();
  }
}
