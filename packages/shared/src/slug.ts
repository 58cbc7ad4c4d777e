/** What a connector slug may look like: lowercase letters, digits and single dashes, 2 to 64 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,63}$/;

/**
 * Turns a connector name into a URL-safe slug.
 *
 * @param name - any display name, e.g. `"Salesforce CRM (EU)"`
 * @returns the slug, e.g. `"salesforce-crm-eu"`; an empty string when nothing usable is left
 * @example
 * ```ts
 * slugify('Café Pro!'); // 'cafe-pro'
 * ```
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}
