import { connectorCreateSchema } from '@plugboard/shared';
import { describe, expect, it } from 'vitest';
import { generateLargeSpec } from '../bench/generate-spec.mjs';
import { buildConnectorDraft, parseSpec, SpecWarningCode, selectActions } from './index.js';

// Timing lives in bench/large-spec.mjs; these tests check sizes and how the work grows, never a wall-clock budget.
describe('a 10 MB spec with 1,200 operations', () => {
  const text = JSON.stringify(generateLargeSpec());

  it('is the size the benchmark claims', () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(10_000_000);
  });

  it('builds every operation into an action, grouped by tag, with a valid connector body', async () => {
    const draft = buildConnectorDraft(await parseSpec(text));
    expect(draft.actions).toHaveLength(1_200);
    expect(draft.groups).toHaveLength(40);
    expect(draft.connector.apiBaseUrl).toBe('https://eu.api.example.com/v1');
    expect(draft.warnings).toContainEqual(expect.objectContaining({ code: SpecWarningCode.Truncated }));
    expect(connectorCreateSchema.safeParse(draft.connector).success).toBe(true);
    const picked = selectActions(draft, { tags: ['Group 0', 'Group 1'] });
    expect(picked.actions).toHaveLength(60);
    expect(connectorCreateSchema.safeParse(picked).success).toBe(true);
  });

  it('keeps a chosen connector body far smaller than the spec, shared schemas and all', async () => {
    const draft = buildConnectorDraft(await parseSpec(text));
    const bodySize = JSON.stringify(selectActions(draft, { tags: ['Group 0'] })).length;
    expect(bodySize / text.length).toBeLessThan(0.1);
  });

  it('grows about linearly with the number of operations', async () => {
    const cost = async (operations: number) => {
      const document = JSON.stringify(generateLargeSpec({ operations, descriptionSentences: 5 }));
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        buildConnectorDraft(await parseSpec(document));
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    await cost(100);
    const small = await cost(200);
    const large = await cost(2_000);
    // Ten times the operations; linear work gives about 10, quadratic about 100.
    expect(large / small).toBeLessThan(35);
  });
});
