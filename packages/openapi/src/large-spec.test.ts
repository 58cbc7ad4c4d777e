import { connectorCreateSchema } from '@plugboard/shared';
import { describe, expect, it } from 'vitest';
import { generateLargeSpec } from '../bench/generate-spec.mjs';
import { buildConnectorDraft, parseSpec, SpecWarningCode, selectActions } from './index.js';

// Timing lives in `pnpm bench` (bench/large-spec.mjs); these tests check sizes and count work, never a clock.
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
    expect(draft.connector.actions).toHaveLength(1_200);
    expect(draft.warnings).not.toContainEqual(expect.objectContaining({ code: SpecWarningCode.Truncated }));
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

  it('reads the document about linearly more as the operations grow', async () => {
    const reads = async (operations: number) => {
      const { document, count } = countingReads(generateLargeSpec({ operations, descriptionSentences: 5 }));
      buildConnectorDraft(await parseSpec(document));
      return count();
    };
    const small = await reads(200);
    const large = await reads(2_000);
    // Ten times the operations: linear work reads under ten times as much (shared schemas are read once, and
    // the counts are exact, so there is no noise to allow for); going back over the document for each operation
    // would read up to a hundred times as much.
    expect(large / small).toBeGreaterThan(2);
    expect(large / small).toBeLessThan(10);
  });
});

/**
 * Wraps a parsed document so that every property read and key listing anywhere inside it is counted: a measure
 * of the work done on it that does not depend on how fast the machine is.
 */
function countingReads(document: object): { document: object; count: () => number } {
  let reads = 0;
  const wrapped = new WeakMap<object, object>();
  const wrap = <T>(value: T): T => {
    if (typeof value !== 'object' || value === null) return value;
    let proxy = wrapped.get(value);
    if (!proxy) {
      proxy = new Proxy(value, {
        get(target, key, receiver) {
          reads += 1;
          return wrap(Reflect.get(target, key, receiver));
        },
        ownKeys(target) {
          reads += 1;
          return Reflect.ownKeys(target);
        },
      });
      wrapped.set(value, proxy);
    }
    return proxy as T;
  };
  return { document: wrap(document), count: () => reads };
}
