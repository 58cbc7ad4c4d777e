import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The demo's console member. */
export const DEMO_CONSOLE_EMAIL = 'admin@acme.example';

/**
 * The demo console member's password: `PLUGBOARD_DEMO_PASSWORD` when set, else one generated once into
 * `<dataDir>/demo-password` (file mode 0600) and reused, so a demo restart keeps the same sign-in.
 *
 * @example
 * ```ts
 * const password = await loadDemoPassword({ env: process.env, dataDir: '.plugboard' });
 * ```
 */
export async function loadDemoPassword({ env, dataDir }: { env: NodeJS.ProcessEnv; dataDir: string }) {
  if (env.PLUGBOARD_DEMO_PASSWORD) return env.PLUGBOARD_DEMO_PASSWORD;
  const file = join(dataDir, 'demo-password');
  const saved = await readFile(file, 'utf8').catch(() => '');
  if (saved.trim()) return saved.trim();
  const password = randomBytes(15).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}
