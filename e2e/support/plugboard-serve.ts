import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built `plugboard` CLI, as `npm run plugboard` and an installed `plugboard` run it. */
export const cliPath = new URL('../../packages/server/dist/cli/main.js', import.meta.url).pathname;

/** A `plugboard serve` process on a free loopback port, with its own data folder. */
export interface ServeProcess {
  url: string;
  /** The environment it runs with (data folder, database): give it to CLI commands to share its database. */
  env: Record<string, string>;
  dataDir: string;
  close(): Promise<void>;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`plugboard serve exited with ${code}: ${stderr}`)));
  });
}

/** Starts the built CLI's `serve` as a user would, and resolves once it says where it listens. */
export async function startPlugboardServe(extraEnv: Record<string, string> = {}): Promise<ServeProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plugboard-serve-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    PLUGBOARD_DATA_DIR: dataDir,
    PLUGBOARD_DATABASE_URL: `file:${join(dataDir, 'plugboard.db')}`,
    ...extraEnv,
  };
  const child = spawn(process.execPath, [cliPath, 'serve'], {
    env: { ...env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await waitForUrl(child);
  return {
    url,
    env,
    dataDir,
    async close() {
      child.kill();
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
