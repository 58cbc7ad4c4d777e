// Browser tests drive Debian's Chromium through playwright-core; no browser is ever downloaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.PLUGBOARD_CHROMIUM ?? '/usr/bin/chromium';

/** Installs Debian's `chromium` package with apt-get when it is missing. */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo'];
  console.log(`Chromium not found at ${CHROMIUM_PATH}: installing Debian's chromium package.`);
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', 'chromium'],
  ]) {
    const [command, ...rest] = [...sudo, ...args];
    const result = spawnSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(
        'Could not install chromium. Install it yourself (apt-get install chromium) or set PLUGBOARD_CHROMIUM.',
      );
      process.exit(1);
    }
  }
}
