import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/** Prefix of organization secret keys. */
export const SECRET_KEY_PREFIX = 'pb_sk_';
/** Prefix of connect session tokens. */
export const SESSION_TOKEN_PREFIX = 'pb_cs_';
/** Prefix of connect link tokens, carried in a connect link's URL. */
export const CONNECT_LINK_TOKEN_PREFIX = 'pb_cl_';
/** Prefix of MCP tokens. */
export const MCP_TOKEN_PREFIX = 'pb_mt_';

/** A random bearer secret: prefix + 256 random bits, base64url. */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** The stored form of a high-entropy secret: its SHA-256, hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Random bytes of one id. */
const ID_RANDOM_BYTES = 9;
/**
 * Ids take their random bytes from a block filled at once: one call into the CSPRNG serves 512 ids rather than
 * one each (a per-id `randomBytes` cost about a tenth of a proxied call's crypto). Every byte serves one id only.
 */
const idPool = Buffer.alloc(ID_RANDOM_BYTES * 512);
let idPoolOffset = idPool.length;

function idRandom(): string {
  if (idPoolOffset + ID_RANDOM_BYTES > idPool.length) {
    randomFillSync(idPool);
    idPoolOffset = 0;
  }
  const start = idPoolOffset;
  idPoolOffset += ID_RANDOM_BYTES;
  return idPool.toString('base64url', start, idPoolOffset);
}

/**
 * A new server-generated id: type prefix, time part (so ids sort by creation) and 72 random bits.
 *
 * @example
 * ```ts
 * newId('cxn'); // 'cxn_0mhx3k2b1QJ8s0dPq2Zk'
 * ```
 */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const random = idRandom().replace(/[-_]/g, 'x');
  return `${prefix}_${time}${random}`;
}
