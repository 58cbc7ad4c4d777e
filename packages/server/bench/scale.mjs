// One engine's part of `pnpm bench:scale` (scripts/bench-scale.mjs runs it once per engine, after a build):
// seeds an organization with `--connections` connections over `--tenants` tenants through the store's own
// batched writes, then prints p50/p99 of the hot queries and their plans, and fails when a plan reads all of
// `connections` or sorts where an index should serve.
//   node packages/server/bench/scale.mjs --url file:.tmp/bench-scale/plugboard.db [--connections N] [--tenants N]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'libsql';
import pg from 'pg';
import { sealCredentials } from '../dist/crypto/credential-cipher.js';
import { Keyring } from '../dist/crypto/keyring.js';
import { newId } from '../dist/crypto/tokens.js';
import { isPostgresUrl, openStore } from '../dist/storage/open-store.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    connections: { type: 'string', default: '1000000' },
    tenants: { type: 'string', default: '10000' },
    connectors: { type: 'string', default: '20' },
    runs: { type: 'string', default: '300' },
  },
});
if (!values.url) throw new Error('--url is required');
const url = values.url;
const total = Number(values.connections);
const tenantCount = Math.min(Number(values.tenants), total);
const connectorCount = Number(values.connectors);
const runs = Number(values.runs);
const engine = isPostgresUrl(url) ? 'postgres' : 'sqlite';
const BATCH = 5000;
const at = new Date().toISOString();

// A fixed-seed generator: every run seeds and asks the same.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = (list) => list[Math.floor(random() * list.length)];
/** 90% active, the rest spread over the other statuses: filters by status select a few. */
const statusOf = (r) => (r < 0.9 ? 'active' : r < 0.95 ? 'needs_reauth' : r < 0.98 ? 'error' : 'revoked');

const store = await openStore(url, { poolSize: 4 });
const keyring = Keyring.generate();
const organizationId = newId('org');
const memberId = newId('usr');
await store.createOrganization({
  id: organizationId,
  name: `Scale ${organizationId}`,
  allowedOrigins: [],
  createdAt: at,
});
await store.createMember({
  ...{ id: memberId, organizationId, email: 'bench@scale.example', name: 'Bench', externalId: null },
  createdAt: at,
});
const connectorRecord = (id, slug) => ({
  ...{ id, organizationId, slug, name: slug, description: '', domain: null, visibility: 'private', iconUrl: null },
  ...{ authMethods: [{ id: 'am_key', kind: 'api_key', isDefault: true }], apiBaseUrl: null, actions: [] },
  ...{ createdBy: memberId, createdAt: at, updatedAt: at },
});
const connectorIds = [];
for (let i = 0; i < connectorCount; i += 1) {
  const id = newId('ctr');
  await store.createConnector(connectorRecord(id, `connector-${i}`));
  connectorIds.push(id);
}
const tenantIds = Array.from({ length: tenantCount }, (_, i) => `tenant-${String(i).padStart(5, '0')}`);

/** `count` connections (of random tenants, connectors and statuses unless given), sealed as the service seals them. */
function connectionBatch(count, connectorId) {
  return Array.from({ length: count }, () => {
    const record = {
      ...{
        id: newId('cxn'),
        organizationId,
        tenantId: pick(tenantIds),
        connectorId: connectorId ?? pick(connectorIds),
      },
      ...{ authMethodId: 'am_key', authKind: 'api_key', label: 'Bench', status: statusOf(random()) },
      ...{ createdBy: 'bench-user', createdAt: at, updatedAt: at, lastUsedAt: null, tokenExpiresAt: null },
    };
    const sealed = sealCredentials(
      keyring,
      { organizationId, tenantId: record.tenantId, connectionId: record.id },
      {
        apiKey: `bench-${record.id}`,
      },
    );
    return { record, credentials: { connectionId: record.id, ...sealed } };
  });
}

console.log(
  `\n${engine}: seeding ${total.toLocaleString('en')} connections, ${tenantCount.toLocaleString('en')} tenants, ${connectorCount} connectors`,
);
const seedStart = performance.now();
for (let start = 0; start < tenantIds.length; start += BATCH) {
  const slice = tenantIds.slice(start, start + BATCH);
  await store.transaction(async (trx) => {
    for (const tenantId of slice) await trx.upsertTenant(organizationId, tenantId, at);
  });
}
/** Every 1000th id, in id order at the end: cursors at every depth of the organization's list. */
const cursors = [];
for (let done = 0; done < total; done += BATCH) {
  const batch = connectionBatch(Math.min(BATCH, total - done));
  await store.createConnections(batch);
  for (let i = 0; i < batch.length; i += 1000) cursors.push(batch[i].record.id);
  if ((done / BATCH) % 20 === 19) {
    const seconds = (performance.now() - seedStart) / 1000;
    console.log(`  ${(done + batch.length).toLocaleString('en')} in ${seconds.toFixed(0)} s`);
  }
}
cursors.sort();
const seedSeconds = (performance.now() - seedStart) / 1000;
console.log(
  `  seeded in ${seedSeconds.toFixed(1)} s (${Math.round(total / seedSeconds).toLocaleString('en')} connections/s)`,
);

/** Runs raw SQL outside the store: planner statistics, and the count the connectors list used to run. */
async function withRaw(work) {
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(async (text, params = []) => (await client.query(text, params)).rows);
    } finally {
      await client.end();
    }
  }
  const database = new Database(url.replace(/^file:/, ''));
  try {
    return await work(async (text, params = []) => database.prepare(text).all(...params));
  } finally {
    database.close();
  }
}
// A database in use has planner statistics (Postgres' autovacuum gathers them soon after a bulk load).
await withRaw((query) => query('ANALYZE'));
const sizeSql =
  engine === 'postgres'
    ? 'SELECT pg_database_size(current_database()) AS bytes'
    : 'SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()';
const [{ bytes }] = await withRaw((query) => query(sizeSql));
console.log(
  `  database size ${(Number(bytes) / 2 ** 20).toFixed(0)} MiB (${Math.round(Number(bytes) / total)} bytes a connection)`,
);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const rows = [];
async function measure(name, targetMs, work, times = runs) {
  for (let i = 0; i < Math.min(20, times); i += 1) await work();
  const samples = [];
  for (let i = 0; i < times; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  const p99 = percentile(samples, 99);
  rows.push({ name, p50, p99, targetMs, met: targetMs === undefined ? '' : p99 <= targetMs ? 'met' : 'MISSED' });
}
const page = (filter) => () => store.listConnections({ organizationId, limit: 101, cursor: pick(cursors), ...filter });

// The noise floor of this machine at this moment: a lookup by primary key that finds nothing. A p99 far above
// its p50 here is the process waiting for a core, not the database working.
await measure('floor: a store call that finds nothing', undefined, () => store.getConnection('cxn_none'));
await measure('tenant connection list (up to 1000)', 10, () =>
  store.listConnections({ organizationId, tenantId: pick(tenantIds), limit: 1000 }),
);
await measure('organization page of 100, random depth', 20, page({}));
await measure('  by connector', 20, () => page({ connectorId: pick(connectorIds) })());
await measure('  by status (needs_reauth)', 20, page({ status: 'needs_reauth' }));
await measure('  by connector and status (error)', 20, () =>
  page({ connectorId: pick(connectorIds), status: 'error' })(),
);
await measure('connectors list with connection counts', 50, async () => {
  await store.listConnectors(organizationId, 'all', { limit: 51 });
  await store.countConnections(organizationId);
});
await measure('connection counts of a tenant', 10, () => store.countConnections(organizationId, pick(tenantIds)));
await withRaw((query) =>
  measure(
    'baseline: counting every connection per request',
    undefined,
    () =>
      query(
        `SELECT connector_id, count(*) AS n FROM connections WHERE organization_id = ${engine === 'postgres' ? '$1' : '?'} GROUP BY connector_id`,
        [organizationId],
      ),
    5,
  ),
);
const doomed = newId('ctr');
await store.createConnector(connectorRecord(doomed, 'doomed'));
await store.createConnections(connectionBatch(2000, doomed));
await measure('deleting a connector with 2,000 connections', undefined, () => store.deleteConnector(doomed), 1);

console.log(`\n${engine}, ${runs} runs each (node ${process.version}):`);
for (const row of rows) {
  const target = row.targetMs === undefined ? '' : `p99 target <= ${row.targetMs} ms`;
  console.log(
    `  ${row.name.padEnd(50)} p50 ${row.p50.toFixed(2).padStart(8)} ms   p99 ${row.p99.toFixed(2).padStart(8)} ms   ${target} ${row.met}`,
  );
}

const plans = await store.queryPlans({
  ...{ organizationId, tenantId: pick(tenantIds), connectorId: connectorIds[0], status: 'error' },
  cursor: cursors[Math.floor(cursors.length / 2)],
});
console.log(`\n${engine} plans:`);
let failed = false;
for (const plan of plans) {
  const bad = plan.scansConnections || plan.sorts;
  failed ||= bad;
  const verdict = plan.scansConnections ? 'FULL SCAN OF connections' : plan.sorts ? 'SORTS ROWS' : 'ok';
  console.log(`  ${plan.query}: ${verdict}\n    ${plan.sql}\n${plan.plan.map((line) => `      ${line}`).join('\n')}`);
}
await store.close();
if (failed) {
  console.error(`\n${engine}: a hot query reads all of connections or sorts where an index should serve`);
  process.exit(1);
}
