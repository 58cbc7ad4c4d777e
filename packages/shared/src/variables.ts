// Connection variables without zod: the server fills and checks URLs with these, and the SDK and widget may
// import them without pulling schema code into a browser bundle.

/** A variable's name: what goes between the braces of a `{name}` placeholder. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** How many variables a connector may declare. */
export const MAX_VARIABLES = 10;

/** The longest value an end user may give a variable. */
export const MAX_VARIABLE_VALUE_LENGTH = 200;

/** Where a placeholder sits in a URL, which decides what its value may hold. */
export type VariablePlace = 'host' | 'hostname' | 'port' | 'path';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

/**
 * What a value must match wherever its placeholder sits, on top of the variable's own pattern: one DNS label in
 * a part of a host (so no value can add `evil.com/`, an `@` or a port), a whole host name where the placeholder
 * is the entire host (`https://{storeHost}/wp-json`: dots, still no `/`, `@` or `:`), a port number in a port, and
 * in a path or query unreserved characters not starting with a dot (so no `/`, `%2f`, `..` or `?`).
 */
export const DEFAULT_VARIABLE_PATTERNS: Readonly<Record<VariablePlace, string>> = {
  host: LABEL,
  hostname: `(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*`,
  port: '[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]',
  path: '[A-Za-z0-9_~-][A-Za-z0-9._~-]*',
};

/** A variable as a connector declares it; `pattern` is a JavaScript regular expression the whole value matches. */
export interface VariableDefinition {
  name: string;
  label: string;
  example: string;
  pattern?: string | undefined;
  description?: string | undefined;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_-]{0,39})\}/g;
const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is;

/** The names of the `{name}` placeholders of a URL template, in order, once each. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** Where each placeholder of a URL template sits: in the host, the port, or the path and query. */
export function placesOf(template: string): Map<string, Set<VariablePlace>> {
  const places = new Map<string, Set<VariablePlace>>();
  const add = (text: string, place: (name: string) => VariablePlace) => {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1] as string;
      places.set(name, (places.get(name) ?? new Set()).add(place(name)));
    }
  };
  const parts = AUTHORITY.exec(template);
  if (!parts) {
    add(template, () => 'path');
    return places;
  }
  const authority = parts[2] as string;
  const port = /:\{([A-Za-z][A-Za-z0-9_-]{0,39})\}$/.exec(authority)?.[1];
  const whole = /^\{([A-Za-z][A-Za-z0-9_-]{0,39})\}(?::[^:]*)?$/.exec(authority)?.[1];
  add(authority, (name) => (name === port ? 'port' : name === whole ? 'hostname' : 'host'));
  add(parts[3] as string, () => 'path');
  return places;
}

/** The places of each placeholder over several URL templates. */
export function placesOfAll(templates: readonly (string | null | undefined)[]): Map<string, Set<VariablePlace>> {
  const all = new Map<string, Set<VariablePlace>>();
  for (const template of templates) {
    if (!template) continue;
    for (const [name, places] of placesOf(template)) {
      const known = all.get(name) ?? new Set();
      for (const place of places) known.add(place);
      all.set(name, known);
    }
  }
  return all;
}

/**
 * One regular expression (without anchors) for everything a value must match: the variable's own pattern and the
 * safe default of each place it sits in. A variable used nowhere gets the path default.
 */
export function effectivePattern(pattern: string | undefined, places: Iterable<VariablePlace>): string {
  const parts = [...new Set(places)].map((place) => DEFAULT_VARIABLE_PATTERNS[place]);
  if (parts.length === 0) parts.push(DEFAULT_VARIABLE_PATTERNS.path);
  if (pattern) parts.unshift(pattern);
  const last = parts.pop() as string;
  return `${parts.map((part) => `(?=(?:${part})$)`).join('')}(?:${last})`;
}

/** Whether a string compiles as a JavaScript regular expression with the `u` flag. */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

// A quantified group that itself holds a quantifier or an alternation (`(a+)+`, `(a|a)*`), or a backreference.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*|]|\{\d)(?:[^()\\]|\\.)*\)(?:[+*]|\{\d)|\\[1-9]/;

/**
 * Whether a pattern is free of the shapes that can backtrack for a very long time (nested quantifiers, quantified
 * alternations, backreferences). The server runs connector patterns on what end users type, so one such pattern
 * could stall it for every organization. A heuristic: it refuses some harmless patterns, which can be rewritten.
 */
export function isSafePattern(pattern: string): boolean {
  return !NESTED_QUANTIFIER.test(pattern);
}

/**
 * Why a value does not fit a variable, as a sentence for the end user, or undefined when it fits.
 *
 * @param variable - the declared variable
 * @param value - what the end user typed
 * @param places - where the variable's placeholders sit (see {@link placesOfAll})
 */
export function variableValueProblem(
  variable: VariableDefinition,
  value: string,
  places: Iterable<VariablePlace>,
): string | undefined {
  const example = `e.g. ${variable.example}`;
  if (value === '') return `Enter ${variable.label}`;
  if (value.length > MAX_VARIABLE_VALUE_LENGTH) return `Use at most ${MAX_VARIABLE_VALUE_LENGTH} characters`;
  const list = [...places];
  if (variable.pattern && !matchesWhole(variable.pattern, value)) return `Does not have the expected form, ${example}`;
  if (list.includes('host') && !matchesWhole(DEFAULT_VARIABLE_PATTERNS.host, value)) {
    return `Use only letters, digits and inner dashes (one part of a host name, no dots or slashes), ${example}`;
  }
  if (list.includes('hostname') && !matchesWhole(DEFAULT_VARIABLE_PATTERNS.hostname, value)) {
    return `Use a host name such as shop.example.com (no scheme, slash, port or @), ${example}`;
  }
  if (list.includes('port') && !matchesWhole(DEFAULT_VARIABLE_PATTERNS.port, value)) {
    return `Use a port number from 1 to 65535, ${example}`;
  }
  if ((list.includes('path') || list.length === 0) && !matchesWhole(DEFAULT_VARIABLE_PATTERNS.path, value)) {
    return `Use only letters, digits and . _ ~ - (not starting with a dot), ${example}`;
  }
  return undefined;
}

function matchesWhole(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return false;
  }
}

/** The outcome of {@link fillUrlTemplate}. */
export type FilledUrl = { ok: true; url: string } | { ok: false; missing?: string; message: string };

/**
 * Fills a URL template's `{name}` placeholders: host and port parts as they are (lowercased), path and query
 * parts percent-encoded. The result must parse with exactly the host the template and values spell, so a value
 * can never move the request elsewhere even if it slipped past validation.
 *
 * @example
 * ```ts
 * fillUrlTemplate('https://{shop}.myshopify.com/admin', { shop: 'acme' }); // { ok: true, url: 'https://acme.myshopify.com/admin' }
 * ```
 */
export function fillUrlTemplate(template: string, values: Readonly<Record<string, string>>): FilledUrl {
  let missing: string | undefined;
  let dotSegment = false;
  const fill = (text: string, encode: (value: string) => string) =>
    text.replace(PLACEHOLDER, (placeholder, name: string) => {
      if (!Object.hasOwn(values, name)) {
        missing ??= name;
        return placeholder;
      }
      const value = values[name] as string;
      if (value === '.' || value === '..') dotSegment = true;
      return encode(value);
    });
  const parts = AUTHORITY.exec(template);
  if (!parts) return { ok: false, message: 'Not an absolute URL' };
  const authority = fill(parts[2] as string, (value) => value.toLowerCase());
  const url = `${parts[1]}${authority}${fill(parts[3] as string, encodeURIComponent)}`;
  if (missing !== undefined) return { ok: false, missing, message: `No value for {${missing}}` };
  if (dotSegment) return { ok: false, message: `A value of . or .. would climb out of ${template}` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `${url} is not a valid URL` };
  }
  const spelled = authority.toLowerCase().replace(/:(80|443)$/, (port) => (isDefaultPort(parsed, port) ? '' : port));
  if (parsed.host !== spelled || parsed.username || parsed.password) {
    return { ok: false, message: `The values would change the host of ${template}` };
  }
  return { ok: true, url };
}

const isDefaultPort = (url: URL, port: string) =>
  (url.protocol === 'http:' && port === ':80') || (url.protocol === 'https:' && port === ':443');

const SAMPLE: Readonly<Record<VariablePlace, string>> = { host: 'x', hostname: 'x.example', port: '1', path: 'x' };

/**
 * A URL template with each placeholder replaced by a plain value of its place (`x` in a host or path, `1` in a
 * port), so URL checks can judge a template such as `http://127.0.0.1:{port}` as the URL it stands for.
 */
export function sampleFilled(template: string): string {
  const places = placesOf(template);
  const values = Object.fromEntries(
    [...places].map(([name, where]) => [
      name,
      SAMPLE[(['port', 'hostname', 'host', 'path'] as const).find((place) => where.has(place)) ?? 'path'],
    ]),
  );
  const filled = fillUrlTemplate(template, values);
  return filled.ok ? filled.url : template;
}
