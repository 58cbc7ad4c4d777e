import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKeyring } from './keyring.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'plugboard-keyring-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('loadKeyring in development', () => {
  it('gives every process starting together on one data folder the same generated key, readable by its owner only', async () => {
    const keyrings = await Promise.all(
      Array.from({ length: 20 }, () => loadKeyring({ env: {}, dataDir, generateIfMissing: true })),
    );
    expect(new Set(keyrings.map((keyring) => keyring.current.id)).size).toBe(1);
    expect(await readdir(dataDir)).toEqual(['master.key']);
    expect((await stat(join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    const again = await loadKeyring({ env: {}, dataDir });
    expect(again.current.id).toBe(keyrings[0]?.current.id);
  });

  it('refuses to start without a key when it may not generate one', async () => {
    await expect(loadKeyring({ env: {}, dataDir })).rejects.toThrow(/PLUGBOARD_MASTER_KEY/);
  });
});
