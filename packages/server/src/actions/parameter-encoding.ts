import type { inputStyleSchema } from '@plugboard/shared';
import type { z } from 'zod';

/** OpenAPI's parameter `style`. */
export type InputStyle = z.infer<typeof inputStyleSchema>;

/** How one input property goes on the wire: its name there, its style and explode flag. */
export interface WireFormat {
  name: string;
  style?: InputStyle | undefined;
  explode?: boolean | undefined;
}

/**
 * One `name=value` of a query string or form body, unencoded; `name` may hold `[key]` segments. A value of
 * several parts is joined by its delimiter after each part is encoded, so the delimiter stays literal.
 */
export type Pair = [name: string, value: string | { parts: string[]; delimiter: string }];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A scalar as text: strings as they are, null as empty, anything structured as JSON. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const flatEntries = (value: Record<string, unknown>) => Object.entries(value).filter(([, item]) => item !== undefined);

/** `created[gte]=1`, `expand[]=a`, `items[0][price]=p`: nested values as bracketed names, recursively. */
export function bracketPairs(name: string, value: unknown): Pair[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) {
    const nested = value.some((item) => isRecord(item) || Array.isArray(item));
    return value.flatMap((item, index) => bracketPairs(nested ? `${name}[${index}]` : `${name}[]`, item));
  }
  if (isRecord(value)) return flatEntries(value).flatMap(([key, item]) => bracketPairs(`${name}[${key}]`, item));
  return [[name, scalarText(value)]];
}

const DELIMITERS: Partial<Record<InputStyle, string>> = { spaceDelimited: ' ', pipeDelimited: '|', form: ',' };

/**
 * The query pairs of one parameter, as OpenAPI's `style` and `explode` say (`form` and explode by default):
 * arrays repeated or joined by `,`, space or `|`; objects as their own pairs (exploded), joined key,value
 * lists, or `name[key]=` (deepObject).
 */
export function queryPairs(format: WireFormat, value: unknown): Pair[] {
  if (value === undefined) return [];
  const style = format.style ?? 'form';
  if (style === 'deepObject') return bracketPairs(format.name, value);
  const explode = format.explode ?? style === 'form';
  if (Array.isArray(value)) {
    if (explode) return value.map((item) => [format.name, scalarText(item)]);
    return [[format.name, { parts: value.map(scalarText), delimiter: DELIMITERS[style] ?? ',' }]];
  }
  if (isRecord(value)) {
    const entries = flatEntries(value);
    if (explode) return entries.map(([key, item]) => [key, scalarText(item)]);
    const parts = entries.flatMap(([key, item]) => [key, scalarText(item)]);
    return [[format.name, { parts, delimiter: DELIMITERS[style] ?? ',' }]];
  }
  return [[format.name, scalarText(value)]];
}

// Brackets stay literal: `created[gte]=1` is how the APIs that use deepObject document and parse it.
const encodeName = (name: string) =>
  name
    .split(/([[\]])/)
    .map((part) => (part === '[' || part === ']' ? part : encodeURIComponent(part)))
    .join('');

/**
 * Pairs as `a=1&b[c]=2`, percent-encoded except for the brackets of nested names; a space inside a
 * spaceDelimited value is `%20`, as OpenAPI writes it.
 */
export function encodePairs(pairs: Pair[]): string {
  const encodeValue = (value: Pair[1]) =>
    typeof value === 'string'
      ? encodeURIComponent(value)
      : value.parts
          .map(encodeURIComponent)
          .join(encodeURIComponent(value.delimiter).replace('%7C', '|').replace('%2C', ','));
  return pairs.map(([name, value]) => `${encodeName(name)}=${encodeValue(value)}`).join('&');
}

/**
 * A path parameter's text, as OpenAPI's `style` says (`simple` by default): `a,b`, `.a.b` (label),
 * `;id=a,b` (matrix); each value percent-encoded so it stays inside its segment, delimiters literal.
 */
export function pathText(format: WireFormat, value: unknown): string {
  const style = format.style ?? 'simple';
  const explode = format.explode ?? false;
  const encode = (item: unknown) => encodeURIComponent(scalarText(item));
  if (style === 'matrix') {
    const name = encodeURIComponent(format.name);
    if (Array.isArray(value))
      return explode
        ? value.map((item) => `;${name}=${encode(item)}`).join('')
        : `;${name}=${value.map(encode).join(',')}`;
    if (isRecord(value)) {
      const entries = flatEntries(value);
      return explode
        ? entries.map(([key, item]) => `;${encodeURIComponent(key)}=${encode(item)}`).join('')
        : `;${name}=${entries.map(([key, item]) => `${encodeURIComponent(key)},${encode(item)}`).join(',')}`;
    }
    return `;${name}=${encode(value)}`;
  }
  const prefix = style === 'label' ? '.' : '';
  const separator = style === 'label' && explode ? '.' : ',';
  if (Array.isArray(value)) return prefix + value.map(encode).join(separator);
  if (isRecord(value)) {
    const entries = flatEntries(value);
    const parts = explode
      ? entries.map(([key, item]) => `${encodeURIComponent(key)}=${encode(item)}`)
      : entries.flatMap(([key, item]) => [encodeURIComponent(key), encode(item)]);
    return prefix + parts.join(separator);
  }
  return prefix + encode(value);
}

/** A header's value in OpenAPI's `simple` style: `a,b`, `k,v` or `k=v` (exploded). */
export function headerText(format: WireFormat, value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(',');
  if (isRecord(value)) {
    const entries = flatEntries(value);
    return (
      format.explode ? entries.map(([key, item]) => `${key}=${scalarText(item)}`) : entries.flat().map(scalarText)
    ).join(',');
  }
  return scalarText(value);
}
