import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDemo } from './support/with-demo.js';

/** A spec the size of the largest published APIs: 1,500 operations in 30 tags, and 300 webhooks. */
function largeSpec(): string {
  const paths: Record<string, unknown> = {};
  for (let n = 0; n < 1500; n++) {
    const tag = `area-${Math.floor(n / 50)}`;
    paths[`/${tag}/things/${n}`] = {
      get: {
        operationId: n === 777 ? 'createPullRequest' : `operation${n}`,
        tags: [tag],
        summary: n === 777 ? 'Create a pull request' : `Operation ${n}`,
      },
    };
  }
  const webhooks = Object.fromEntries(
    Array.from({ length: 300 }, (_, n) => [`event-${n}`, { post: { summary: `Event ${n}` } }]),
  );
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Bulk API', version: '1' },
    servers: [{ url: 'https://api.bulk.example/v1' }],
    paths,
    webhooks,
  });
}

/** The time from a key press to the next frame painted after it, as the person typing feels it. */
function keyToPaint(page: Page, key: string) {
  return page.evaluate(
    (typed) =>
      new Promise<number>((resolve) => {
        const box = document.querySelector<HTMLInputElement>('[data-testid="review-search"]');
        if (!box) throw new Error('no search box');
        const started = performance.now();
        box.value += typed;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
      }),
    key,
  );
}

describe('Build with AI on a spec of 1,500 operations, in a real browser', () => {
  const context = withDemo();
  let page: Page;

  beforeAll(async () => {
    page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(context.demo.consoleUrl);
    await page.getByLabel('Email').fill(context.demo.consoleEmail);
    await page.getByLabel('Password').fill(context.demo.consolePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: '+ Create' }).waitFor();
  });

  it('reviews every action and event, finds one by search, drops a group, and creates the rest', async () => {
    await page.getByTestId('build-with-ai').click();
    await page.getByTestId('agent-prompt').fill('The Bulk API');
    await page
      .getByTestId('agent-spec-file')
      .setInputFiles({ name: 'bulk.json', mimeType: 'application/json', buffer: Buffer.from(largeSpec()) });
    await page.getByTestId('agent-start').click();
    const status = page.getByTestId('agent-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('awaiting_review');
    const counts = page.getByTestId('action-review-counts');
    expect(await counts.textContent()).toContain('1500 of 1500 actions kept');
    expect(await page.locator('#review-events').textContent()).toContain('300 of 300 kept');
    // Only a screenful of rows is in the page, whatever the draft's size.
    expect(await page.locator('[data-testid^="review-action-"]').count()).toBeLessThan(60);

    const latencies: number[] = [];
    for (const key of 'pull request') latencies.push(await keyToPaint(page, key));
    console.info(
      `review search: key to paint ${Math.max(...latencies).toFixed(1)} ms at most over ${latencies.length} keys`,
    );
    await expect.poll(() => page.locator('[data-testid^="review-action-"]').count()).toBe(1);
    expect(await page.getByTestId('review-action-create-pull-request').textContent()).toContain(
      'Create a pull request',
    );

    await page.getByTestId('review-search').fill('');
    await page.getByTestId('group-toggle-area-0').click();
    await expect.poll(() => counts.textContent()).toContain('1450 of 1500 actions kept');
    await page.getByTestId('agent-continue').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    await page.getByTestId('agent-create').click();
    await page.waitForURL(/\/console\/connectors\/[^/]+$/);

    const response = await fetch(`${context.demo.url}/v1/connectors?scope=own&limit=200`, {
      headers: { authorization: `Bearer ${context.demo.secretKey}` },
    });
    const { data } = (await response.json()) as {
      data: { name: string; actions: { key: string }[]; events: unknown[] }[];
    };
    const bulk = data.find((connector) => connector.name === 'Bulk API');
    expect(bulk?.actions).toHaveLength(1450);
    expect(bulk?.events).toHaveLength(300);
    expect(bulk?.actions.some((action) => action.key === 'operation0')).toBe(false);
    expect(bulk?.actions.some((action) => action.key === 'create-pull-request')).toBe(true);
  });
});
