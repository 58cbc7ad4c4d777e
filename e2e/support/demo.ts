import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: the demo is plain JavaScript, as a vendor's backend might be.
import { startDemo } from '../../examples/demo/demo-server.mjs';

/** A running demo with its own database in a fresh temp folder. */
export interface RunningDemo {
  url: string;
  sandboxUrl: string;
  sandbox: import('@plugboard/sandbox').Sandbox;
  secretKey: string;
  /** The admin console, `<url>/console`. */
  consoleUrl: string;
  /** The demo's console member, `admin@acme.example`. */
  consoleEmail: string;
  /** Generated once into `<dataDir>/demo-password`, since the demo starts without PLUGBOARD_DEMO_PASSWORD. */
  consolePassword: string;
  dataDir: string;
  logLines: string[];
  close(): Promise<void>;
}

/** Starts the demo on a free loopback port, recording every log line it writes. */
export async function startTestDemo(
  options: { sandboxCoop?: 'same-origin' | undefined; env?: Record<string, string> } = {},
): Promise<RunningDemo> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plugboard-e2e-'));
  const logLines: string[] = [];
  const record = (entry: unknown) => logLines.push(JSON.stringify(entry));
  const demo = await startDemo({
    port: 0,
    databaseUrl: join(dataDir, 'plugboard.db'),
    dataDir,
    env: options.env ?? {},
    logger: { info: record, warn: record, error: record },
    sandboxCoop: options.sandboxCoop,
  });
  return {
    ...demo,
    dataDir,
    logLines,
    async close() {
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
