import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './run.js';

let dir: string;
let env: NodeJS.ProcessEnv;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, env, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-cli-'));
  env = { PLUGBOARD_DATA_DIR: dir, PLUGBOARD_DATABASE_URL: `file:${join(dir, 'cli.db')}` };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

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

  it('generates the development master key once, readable only by its owner', async () => {
    await cli('migrate');
    const first = await readFile(join(dir, 'master.key'), 'utf8');
    expect((await stat(join(dir, 'master.key'))).mode & 0o777).toBe(0o600);
    await cli('migrate');
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
});
