// The built `plugboard` CLI in child processes, as a user (or an orchestrator running several replicas) starts it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The built CLI; the tests that start processes need `pnpm --filter @plugboard/server run build` first. */
export const cliPath = new URL('../../dist/cli/main.js', import.meta.url).pathname;

/** One CLI process: its output so far, a way to wait for a line of its stderr, and its exit. */
export interface CliProcess {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stderr, or rejects when the process exits without one. */
  stderrMatching(pattern: RegExp): Promise<RegExpExecArray>;
  /** Kills the process if it still runs (SIGKILL unless told otherwise) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `plugboard <args>` with exactly `env` (plus `PORT=0`, so a server takes a free loopback port). */
export function startCliProcess(args: string[], env: Record<string, string>): CliProcess {
  if (!existsSync(cliPath))
    throw new Error(`Build the server first (pnpm --filter @plugboard/server run build): ${cliPath}`);
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderrMatching = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output.stderr);
        if (match) resolve(match);
        return match;
      };
      if (check()) return;
      child.stderr?.on('data', check);
      void exited.then(() => check() ?? reject(new Error(`Exited before ${pattern}: ${output.stderr}`)));
    });
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { child, output, exited, stderrMatching, stop };
}

/** A `plugboard serve` (or `serve --no-workers`) process and the URL it listens on. */
export interface ServeReplica extends CliProcess {
  url: string;
}

/**
 * Starts `count` `plugboard serve` processes on one database (`env.PLUGBOARD_DATABASE_URL`), as several replicas
 * behind a load balancer run, and resolves once each says where it listens. They start together, so their
 * migrations race as a real deploy's do.
 */
export async function startReplicas(
  count: number,
  env: Record<string, string>,
  args: string[] = ['serve'],
): Promise<ServeReplica[]> {
  const processes = Array.from({ length: count }, () => startCliProcess(args, env));
  try {
    return await Promise.all(
      processes.map(async (process) => {
        const match = await process.stderrMatching(/listening on (http:\/\/\S+)/);
        return Object.assign(process, { url: match[1] as string });
      }),
    );
  } catch (error) {
    await Promise.all(processes.map((process) => process.stop()));
    throw error;
  }
}
