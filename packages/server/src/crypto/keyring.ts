import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One AES-256 key and the id stored with everything it encrypts. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The keys that encrypt credentials: `current` for new writes, every key (old ones too) for reads. */
export class Keyring {
  readonly #keys: Map<string, Buffer>;

  /** @param keys - newest first; the first one encrypts. */
  constructor(readonly keys: readonly MasterKey[]) {
    if (keys.length === 0) throw new Error('A keyring needs at least one key');
    this.#keys = new Map(keys.map((entry) => [entry.id, entry.key]));
  }

  /** The key new records are encrypted with. */
  get current(): MasterKey {
    return this.keys[0] as MasterKey;
  }

  /** The key with this id, if the keyring still holds it. */
  get(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  /**
   * Parses `PLUGBOARD_MASTER_KEY`: one 32-byte key (base64, base64url or hex), or a comma-separated list
   * whose first key is current and whose others are older keys kept for reading.
   */
  static parse(value: string): Keyring {
    return new Keyring(value.split(',').map((part) => toMasterKey(decodeKey(part.trim()))));
  }

  /** A keyring of one fresh random key, for tests and first runs. */
  static generate(): Keyring {
    return new Keyring([toMasterKey(randomBytes(32))]);
  }
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new Error('PLUGBOARD_MASTER_KEY must hold 32-byte keys, as base64, base64url or hex, separated by commas');
  }
  return key;
}

function toMasterKey(key: Buffer): MasterKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/** Options of {@link loadKeyring}. */
export interface LoadKeyringOptions {
  env: NodeJS.ProcessEnv;
  /** Where the development key file lives. */
  dataDir: string;
  /** Create `<dataDir>/master.key` when no key is configured (development only). @default false */
  generateIfMissing?: boolean;
}

/**
 * Loads the keyring from `PLUGBOARD_MASTER_KEY`, or in development from `<dataDir>/master.key`,
 * creating that file once with mode 0600.
 *
 * @throws Error when no key is configured and `generateIfMissing` is off, or a key is malformed.
 */
export async function loadKeyring({ env, dataDir, generateIfMissing = false }: LoadKeyringOptions): Promise<Keyring> {
  if (env.PLUGBOARD_MASTER_KEY) return Keyring.parse(env.PLUGBOARD_MASTER_KEY);
  const file = join(dataDir, 'master.key');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) return Keyring.parse(existing.trim());
  if (!generateIfMissing) {
    throw new Error('Set PLUGBOARD_MASTER_KEY to 32 random bytes in base64 (the key that encrypts credentials).');
  }
  await mkdir(dataDir, { recursive: true });
  // Written whole under a name of its own, then linked into place: `link` fails when the file exists, so of several
  // processes starting together (replicas sharing the folder) one key wins, and none reads a half-written file.
  const draft = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(draft, { force: true });
  }
  return Keyring.parse((await readFile(file, 'utf8')).trim());
}
