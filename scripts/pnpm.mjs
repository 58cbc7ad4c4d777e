// Runs pnpm: the one on PATH when there is one, else the pinned version through npx,
// so a machine with only Node and npm can run every project command.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

function hasPnpm() {
  return spawnSync('pnpm', ['--version'], { stdio: 'ignore', shell: process.platform === 'win32' }).status === 0;
}

/**
 * Runs `pnpm <args>` and exits the process when it fails.
 * @param {string[]} args
 */
export function pnpm(args) {
  const [command, prefix] = hasPnpm() ? ['pnpm', []] : ['npx', ['--yes', packageManager]];
  const result = spawnSync(command, [...prefix, ...args], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) pnpm(process.argv.slice(2));
