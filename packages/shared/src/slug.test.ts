import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Salesforce', 'salesforce'],
    ['Salesforce CRM (EU)', 'salesforce-crm-eu'],
    ['  Café   Pro!  ', 'cafe-pro'],
    ['Open-Meteo', 'open-meteo'],
    ['--Jira__Cloud--', 'jira-cloud'],
  ])('turns %j into %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });

  it('returns an empty string when nothing usable is left', () => {
    expect(slugify('!!!')).toBe('');
  });

  it('never ends a long slug with a dash', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toHaveLength(63);
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });
});

describe('SLUG_PATTERN', () => {
  it.each(['A', 'a', '-abc', 'abc-', 'a--b', 'a_b', 'a b', 'x'.repeat(65)])('rejects %j', (slug) => {
    expect(SLUG_PATTERN.test(slug)).toBe(false);
  });
});
