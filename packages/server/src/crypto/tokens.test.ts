import { describe, expect, it } from 'vitest';
import { newId } from './tokens.js';

describe('newId', () => {
  it('has the prefix, a 9-character time part and 12 random characters', () => {
    const before = Date.now();
    const id = newId('cxn');
    expect(id).toMatch(/^cxn_[0-9a-z]{9}[0-9A-Za-z]{12}$/);
    const time = Number.parseInt(id.slice(4, 13), 36);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });

  it('never repeats its random part, across many refills of its block of random bytes', () => {
    const randoms = new Set<string>();
    const count = 20_000;
    for (let i = 0; i < count; i++) randoms.add(newId('log').slice(-12));
    expect(randoms.size).toBe(count);
  });
});
