import { describe, expect, it } from 'vitest';
import { type BuiltCard, CardCache, CardListCache, cardCachesOf, type ListedCard } from './card-cache.js';

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
    expect(cardCachesOf(first)).toBe(cardCachesOf(first));
    expect(cardCachesOf({}).cards).not.toBe(cardCachesOf(first).cards);
    expect(cardCachesOf({}).lists).not.toBe(cardCachesOf(first).lists);
  });
});

const listed = (name: string, chars: number): ListedCard => ({
  ...card(name, 0),
  connectorId: `ctr_${name}`,
  createdBy: { id: 'mem_1', name: 'Ada', externalId: null },
  head: 'x'.repeat(chars),
});

describe('the card list cache', () => {
  it('keeps one listing per organization, the last put', () => {
    const lists = new CardListCache();
    lists.put('org_1', { revision: 1, cards: [listed('One', 10)] });
    lists.put('org_1', { revision: 2, cards: [listed('Two', 10)] });
    expect(lists.get('org_1')?.revision).toBe(2);
    expect(lists.size).toBe(1);
  });

  it('keeps at most its bound of characters, dropping the longest kept first', () => {
    const lists = new CardListCache(25);
    lists.put('org_1', { revision: 0, cards: [listed('One', 10)] });
    lists.put('org_2', { revision: 0, cards: [listed('Two', 10)] });
    lists.put('org_3', { revision: 0, cards: [listed('Three', 10)] });
    expect(lists.get('org_1')).toBeUndefined();
    expect(lists.get('org_3')?.cards[0]?.name).toBe('Three');
    lists.put('org_4', { revision: 0, cards: [listed('Huge', 30)] });
    expect(lists.get('org_4')).toBeUndefined();
    expect(lists.size).toBe(2);
  });
});
