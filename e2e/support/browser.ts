import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser of its own here. */
export const chromiumPath = process.env.PLUGBOARD_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags this offline machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
