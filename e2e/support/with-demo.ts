import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { type RunningDemo, startTestDemo } from './demo.js';

/** Starts a demo and a browser before the tests of the calling `describe`, and stops both after. */
export function withDemo(options: Parameters<typeof startTestDemo>[0] = {}) {
  const context = {} as { demo: RunningDemo; browser: Browser };
  beforeAll(async () => {
    context.demo = await startTestDemo(options);
    context.browser = await launchChromium();
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.demo?.close();
  });
  return context;
}
