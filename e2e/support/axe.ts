import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.2 A and AA rules (with the 2.0 and 2.1 ones they include). */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** One rule axe found broken, with the nodes that break it: what a failing test prints. */
export interface AxeFinding {
  rule: string;
  impact: string | null | undefined;
  nodes: { target: unknown; summary: string | undefined }[];
}

/**
 * Runs axe-core over the whole page, shadow roots included, with the WCAG 2.2 A/AA rules, and returns what it
 * found broken. axe is evaluated in the page on first use, as the test tool does, so the page's own CSP (which
 * refuses inline scripts) stays in force and is tested as it is.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => ({ target: node.target, summary: node.failureSummary })),
    }));
  }, WCAG_AA);
}
