import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createOrganization, freshDatabase } from './harness.mjs';
import { connectWithApiKey, createApiKeyConnector, mintSession } from './seed.mjs';

const script = (name) => new URL(`./${name}`, import.meta.url).pathname;
function start(args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve) => {
    let e = '';
    child.stderr.on('data', (d) => {
      e += d;
      const m = /listening on (http:\/\/\S+)/.exec(e);
      if (m) resolve({ url: m[1], child });
    });
  });
}
const cpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const upstream = await start([script('upstream.mjs')]);
const bare = await start([script('pass-through.mjs'), upstream.url]);
const databaseUrl = await freshDatabase(process.env.ENGINE ?? 'sqlite');
const { secretKey } = createOrganization(databaseUrl);
const pb = await start(
  [
    ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/pbprof2'] : []),
    '/work/wt-proxy/packages/server/dist/cli/main.js',
    'serve',
  ],
  {
    PLUGBOARD_DATABASE_URL: databaseUrl,
    PLUGBOARD_MASTER_KEY: randomBytes(32).toString('base64'),
    PLUGBOARD_DATA_DIR: '/work/wt-proxy/.tmp/bench/',
    PLUGBOARD_EGRESS_ALLOW_HOSTS: new URL(upstream.url).host,
    PLUGBOARD_RATE_LIMIT_TENANT_CALLS: '100000000,6000000000',
  },
);
const connector = await createApiKeyConnector(pb.url, secretKey, {
  name: 'Bench API',
  apiBaseUrl: `${upstream.url}/v1`,
  actions: [{ key: 'list-contacts', name: 'List contacts', method: 'GET', path: '/contacts' }],
});
const session = await mintSession(pb.url, secretKey, 'tenant-1');
const connection = await connectWithApiKey(pb.url, session, connector.id, 'key-0123456789abcdef');
const auth = { authorization: `Bearer ${secretKey}` };
const json = { ...auth, 'content-type': 'application/json' };
const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const once = ({ url, method = 'GET', headers, body }) =>
  new Promise((resolve, reject) => {
    const r = request(url, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url} ${res.statusCode}`))));
    });
    r.on('error', reject);
    r.end(body);
  });
const N = Number(process.env.N ?? 1500);
async function measure(name, target, pid) {
  for (let i = 0; i < 100; i++) await once(target);
  const before = cpu(pid);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = 0; i < N / 8; i++) await once(target);
    }),
  );
  console.log(name.padEnd(28), 'CPU µs per call', Math.round(((cpu(pid) - before) * 1000) / N));
}
await measure('pass-through (baseline)', { url: `${bare.url}/v1/contacts`, headers: auth }, bare.child.pid);
await measure('upstream itself', { url: `${upstream.url}/v1/contacts`, headers: auth }, upstream.child.pid);
await measure(
  'credentials',
  { url: `${pb.url}/v1/connections/${connection.id}/credentials`, headers: auth },
  pb.child.pid,
);
await measure(
  'POST /v1/proxy',
  {
    url: `${pb.url}/v1/proxy`,
    method: 'POST',
    headers: json,
    body: JSON.stringify({ connectionId: connection.id, method: 'GET', path: '/contacts' }),
  },
  pb.child.pid,
);
await measure(
  'POST /v1/actions/run',
  {
    url: `${pb.url}/v1/actions/run`,
    method: 'POST',
    headers: json,
    body: JSON.stringify({ connectionId: connection.id, action: 'list-contacts' }),
  },
  pb.child.pid,
);
await measure(
  'GET /v1/proxy/{path}',
  { url: `${pb.url}/v1/proxy/contacts`, headers: { ...auth, 'plugboard-connection-id': connection.id } },
  pb.child.pid,
);
pb.child.kill('SIGTERM');
await new Promise((r) => pb.child.once('exit', r));
for (const s of [bare, upstream]) s.child.kill('SIGKILL');
