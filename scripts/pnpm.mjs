// Runs pnpm: the one on PATH when there is one, else the pinned version through npx,
// so a machine with only Node and npm can run every project command.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

function hasPnpm() {
  return spawnSync('pnpm', ['--version'], { stdio: 'ignore', shell: process.platform === 'win32' }).status === 0;
}

/**
 * Runs `pnpm <args>` and exits the process when it fails, unless `allowFailure` is set.
 * @param {string[]} args
 * @param {{ allowFailure?: boolean, stdio?: import('node:child_process').StdioOptions }} [options]
 * @returns {number} the exit status
 */
export function pnpm(args, { allowFailure = false, stdio = 'inherit' } = {}) {
  const [command, prefix] = hasPnpm() ? ['pnpm', []] : ['npx', ['--yes', packageManager]];
  const result = spawnSync(command, [...prefix, ...args], { stdio, shell: process.platform === 'win32' });
  const status = result.status ?? 1;
  if (status !== 0 && !allowFailure) process.exit(status);
  return status;
}

if (import.meta.url === `file://${process.argv[1]}`) pnpm(process.argv.slice(2));
