import { describe, expect, it } from 'vitest';
import { type BuiltCard, CardCache, cardCacheOf } from './card-cache.js';

const card = (name: string, revision: number): BuiltCard => ({
  revision,
  name,
  visibility: 'private',
  members: `"name":${JSON.stringify(name)}`,
});

describe('the card cache', () => {
  it('gives a card only for the revision it was built from', () => {
    const cache = new CardCache();
    cache.put('ctr_1', card('Stripe', 3));
    expect(cache.get('ctr_1', 3)?.name).toBe('Stripe');
    expect(cache.get('ctr_1', 4)).toBeUndefined();
    cache.put('ctr_1', card('Stripe 2', 4));
    expect(cache.get('ctr_1', 3)).toBeUndefined();
    expect(cache.get('ctr_1', 4)?.name).toBe('Stripe 2');
  });

  it('keeps at most its bound of connectors, dropping the longest kept first', () => {
    const cache = new CardCache(2);
    cache.put('ctr_1', card('One', 0));
    cache.put('ctr_2', card('Two', 0));
    cache.put('ctr_1', card('One again', 1));
    cache.put('ctr_3', card('Three', 0));
    expect(cache.size).toBe(2);
    expect(cache.get('ctr_2', 0)).toBeUndefined();
    expect(cache.get('ctr_1', 1)?.name).toBe('One again');
    expect(cache.get('ctr_3', 0)?.name).toBe('Three');
  });

  it('is one per set of services, as each replica has its own', () => {
    const first = {};
    expect(cardCacheOf(first)).toBe(cardCacheOf(first));
    expect(cardCacheOf({})).not.toBe(cardCacheOf(first));
  });
});
