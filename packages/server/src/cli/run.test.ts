import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { Keyring } from '../crypto/keyring.js';
import { verifyPassword } from '../crypto/passwords.js';
import { openStore } from '../storage/open-store.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { run } from './run.js';

let dir: string;
let database: TestDatabase;
let env: NodeJS.ProcessEnv;

async function cli(...argv: string[]) {
  return cliWithStdin(undefined, ...argv);
}

async function cliWithStdin(stdin: string | undefined, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, env, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Whether the stored password of a member with this email is `password`. */
async function canSignIn(email: string, password: string) {
  const store = await openStore(env.PLUGBOARD_DATABASE_URL as string);
  try {
    const [login] = await store.findMemberLogins(email);
    return login !== undefined && (await verifyPassword(password, login.passwordHash));
  } finally {
    await store.close();
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-cli-'));
  database = await createTestDatabase();
  env = { PLUGBOARD_DATA_DIR: dir, PLUGBOARD_DATABASE_URL: database.url };
});
afterEach(async () => {
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('plugboard CLI', () => {
  it('creates an organization and prints its secret key as JSON', async () => {
    const result = await cli('org', 'create', '--name', 'Acme', '--origin', 'https://app.acme.example');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.organization).toMatchObject({ name: 'Acme', allowedOrigins: ['https://app.acme.example'] });
    expect(json.secretKey).toMatch(/^pb_sk_/);
  });

  it('mints a connect session with the secret key', async () => {
    const { secretKey } = JSON.parse((await cli('org', 'create', '--name', 'Acme')).out);
    const result = await cli('session', 'create', '--secret-key', secretKey, '--tenant', 'customer-42', '--user', 'u7');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      tenantId: 'customer-42',
      endUserId: 'u7',
      token: expect.stringMatching(/^pb_cs_/),
    });
  });

  it('migrates the database once and prints the schema version', async () => {
    const first = await cli('migrate');
    expect(first.code, first.err).toBe(0);
    const report = JSON.parse(first.out);
    expect(report).toMatchObject({ migrated: true, version: expect.any(Number) });
    expect(report.applied).toContain(report.version);
    expect(JSON.parse((await cli('migrate')).out)).toEqual({ migrated: true, version: report.version, applied: [] });
  });

  it('mints sessions on the same runtime as the server: PLUGBOARD_RATE_LIMIT_SESSIONS holds for the CLI too', async () => {
    const { secretKey } = JSON.parse((await cli('org', 'create', '--name', 'Acme')).out);
    env.PLUGBOARD_RATE_LIMIT_SESSIONS = '1,1';
    const mint = () => cli('session', 'create', '--secret-key', secretKey, '--tenant', 't', '--user', 'u');
    expect((await mint()).code).toBe(0);
    const refused = await mint();
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.err).error.code).toBe('rate_limited');
  });

  it('generates the development master key once, readable only by its owner', async () => {
    await cli('org', 'create', '--name', 'First');
    const first = await readFile(join(dir, 'master.key'), 'utf8');
    expect((await stat(join(dir, 'master.key'))).mode & 0o777).toBe(0o600);
    await cli('org', 'create', '--name', 'Second');
    expect(await readFile(join(dir, 'master.key'), 'utf8')).toBe(first);
  });

  it('prints JSON errors and exits 1 for bad input and unknown commands', async () => {
    const bad = await cli('session', 'create', '--secret-key', 'pb_sk_nope', '--tenant', 't', '--user', 'u');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.err).error.message).toMatch(/secret key/);
    const invalid = await cli('org', 'create', '--name', 'Acme', '--origin', 'not-an-origin');
    expect(JSON.parse(invalid.err).error.code).toBe('validation_failed');
    expect((await cli('launch', 'rockets')).code).toBe(1);
    expect((await cli('--help')).out).toContain('org create');
  });

  it('seeds the demo idempotently with a fresh key each time', async () => {
    const first = JSON.parse((await cli('seed-demo', '--origin', 'http://localhost:4400')).out);
    const second = JSON.parse((await cli('seed-demo')).out);
    expect(second.organization.id).toBe(first.organization.id);
    expect(second.secretKey).not.toBe(first.secretKey);
  });

  it('creates a console member with the password read from stdin, and keeps only its hash', async () => {
    const { organization } = JSON.parse((await cli('org', 'create', '--name', 'Acme')).out);
    const args = ['member', 'create', '--org', organization.id, '--email', 'ada@acme.example', '--name', 'Ada'];
    const result = await cliWithStdin('stdin password 1\n', ...args, '--password-stdin');
    expect(result.code, result.err).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ email: 'ada@acme.example', canSignIn: true });
    expect(result.out).not.toContain('stdin password');
    expect(await canSignIn('ada@acme.example', 'stdin password 1')).toBe(true);
    const bytes = await database.bytes();
    expect(bytes.includes('stdin password 1')).toBe(false);
  });

  it('takes the password from PLUGBOARD_MEMBER_PASSWORD, creates members without one when neither is given, and refuses a short one', async () => {
    const { organization } = JSON.parse((await cli('org', 'create', '--name', 'Acme')).out);
    const member = (email: string) => ['member', 'create', '--org', organization.id, '--email', email, '--name', 'M'];
    const plain = await cli(...member('plain@acme.example'));
    expect(JSON.parse(plain.out).canSignIn).toBe(false);
    env.PLUGBOARD_MEMBER_PASSWORD = 'env password 22';
    expect((await cli(...member('env@acme.example'))).code).toBe(0);
    expect(await canSignIn('env@acme.example', 'env password 22')).toBe(true);
    env.PLUGBOARD_MEMBER_PASSWORD = 'short';
    const short = await cli(...member('short@acme.example'));
    expect(short.code).toBe(1);
    expect(JSON.parse(short.err).error).toMatchObject({ code: 'validation_failed' });
    expect(short.err).not.toContain('short"');
  });

  it('sets a member’s password with member set-password, and needs one to be given', async () => {
    const { organization } = JSON.parse(
      (await cli('org', 'create', '--name', 'Acme', '--owner-email', 'olive@acme.example')).out,
    );
    const args = ['member', 'set-password', '--org', organization.id, '--email', 'Olive@acme.example'];
    const missing = await cli(...args);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err).error.message).toMatch(/--password-stdin/);
    const result = await cliWithStdin('olive new password\n', ...args, '--password-stdin');
    expect(result.code, result.err).toBe(0);
    expect(await canSignIn('olive@acme.example', 'olive new password')).toBe(true);
    const unknown = await cliWithStdin(
      'x'.repeat(12),
      'member',
      'set-password',
      '--org',
      organization.id,
      '--email',
      'no@acme.example',
      '--password-stdin',
    );
    expect(unknown.code).toBe(1);
  });

  it('seeds the demo’s console member with a password generated once into the data folder', async () => {
    const first = JSON.parse((await cli('seed-demo')).out);
    expect(first.consoleEmail).toBe('admin@acme.example');
    expect(first.consolePassword).toBe((await readFile(join(dir, 'demo-password'), 'utf8')).trim());
    expect((await stat(join(dir, 'demo-password'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await cli('seed-demo')).out).consolePassword).toBe(first.consolePassword);
    expect(await canSignIn('admin@acme.example', first.consolePassword)).toBe(true);
    env.PLUGBOARD_DEMO_PASSWORD = 'from the environment';
    expect(JSON.parse((await cli('seed-demo')).out).consolePassword).toBe('from the environment');
    expect(await canSignIn('admin@acme.example', 'from the environment')).toBe(true);
  });

  it('rotates keys with keys rotate and prints the counts as JSON; a second run has nothing to do', async () => {
    const [oldKey, newKey] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)].map((bytes) => bytes.toString('base64'));
    env.PLUGBOARD_MASTER_KEY = oldKey;
    const { secretKey } = JSON.parse((await cli('org', 'create', '--name', 'Acme')).out);
    expect(secretKey).toMatch(/^pb_sk_/);
    const store = await openStore(env.PLUGBOARD_DATABASE_URL as string);
    const app = createApp({ store, keyring: Keyring.parse(oldKey as string) });
    const post = (path: string, key: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/v1/connectors', secretKey, { name: 'Keyed', authMethods: [{ kind: 'apiKey' }] });
    const session = await (await post('/v1/connect-sessions', secretKey, { tenantId: 't', endUserId: 'u' })).json();
    const connection = await (
      await post('/v1/session/connections', session.token, { connector: 'keyed', credentials: { apiKey: 'k' } })
    ).json();
    await store.close();

    env.PLUGBOARD_MASTER_KEY = `${newKey},${oldKey}`;
    const rotated = await cli('keys', 'rotate', '--batch-size', '10');
    expect(rotated.code, rotated.err).toBe(0);
    expect(JSON.parse(rotated.out)).toEqual({
      keyId: Keyring.parse(newKey as string).current.id,
      credentials: 1,
      connectorSecrets: 0,
      oauthAppSecrets: 0,
      webhookEndpointSecrets: 0,
      inboundSecrets: 0,
      skipped: 0,
      failed: 0,
    });
    expect(JSON.parse((await cli('keys', 'rotate')).out)).toMatchObject({ credentials: 0, failed: 0 });
    const reopened = await openStore(env.PLUGBOARD_DATABASE_URL as string);
    expect((await reopened.getCredentials(connection.id))?.keyId).toBe(Keyring.parse(newKey as string).current.id);
    await reopened.close();
    expect((await cli('keys', 'rotate', '--batch-size', 'lots')).code).toBe(1);
  });

  it('lists serve --no-workers and worker in --help', async () => {
    const help = (await cli('--help')).out;
    expect(help).toContain('serve [--no-workers]');
    expect(help).toMatch(/^ {2}worker +Run the background workers only/m);
  });

  it('refuses to serve in production without PLUGBOARD_PUBLIC_URL', async () => {
    env.NODE_ENV = 'production';
    env.PLUGBOARD_MASTER_KEY = Buffer.alloc(32, 3).toString('base64');
    const result = await cli('serve');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.err).error.message).toContain('PLUGBOARD_PUBLIC_URL');
  });
});
