import type { SpecOperation, SpecRequestBody } from './model.js';
import type { Located } from './refs.js';
import { isObject } from './refs.js';
import type { SchemaInliner } from './schema-inline.js';
import { type SpecWarning, SpecWarningCode } from './warnings.js';

/** What the action input schema accepts as a property name (the same rule as the shared schema). */
export const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** Headers OpenAPI says to ignore as parameters: Plugboard sets them itself. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** How many schema nodes one parameter or body may inline before it is cut. */
const SCHEMA_BUDGET = 5_000;

/** An action's input: a JSON Schema object whose properties say where they go (`x-in`). */
export type ActionInput = {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  /** Set when the body is a form or multipart: JSON otherwise. */
  'x-content-type'?: 'application/x-www-form-urlencoded' | 'multipart/form-data';
};

/** Collects refs cut as circular across a whole build, so each is reported once. */
export interface InputContext {
  inliner: SchemaInliner;
  warnings: SpecWarning[];
  circular: Set<string>;
}

/** Inlines a schema for an input property or a payload, reporting cuts. */
export function inlineFor(
  context: InputContext,
  schema: Located | undefined,
  pointer: string,
): Record<string, unknown> {
  if (!schema) return {};
  const { schema: value, report } = context.inliner.inline(schema.value, schema.doc, SCHEMA_BUDGET);
  for (const ref of report.circular) context.circular.add(ref);
  if (report.budgetSpent) {
    context.warnings.push({
      code: SpecWarningCode.SchemaCut,
      message: `A schema was cut at ${SCHEMA_BUDGET} nodes`,
      pointer,
    });
  }
  return value;
}

/** The media types an action can send, in the order a body's types are preferred. */
const FORM = 'application/x-www-form-urlencoded' as const;
const MULTIPART = 'multipart/form-data' as const;

/**
 * The media type of a body an action sends: JSON first, else a form, else multipart, else the first one
 * (with a warning: its fields are sent as JSON).
 */
export function pickMedia(
  body: SpecRequestBody,
  warnings: SpecWarning[] | null,
  pointer: string,
): { type: string; media: SpecRequestBody['content'][string] } | undefined {
  const types = Object.keys(body.content);
  const sendable =
    types.find((type) => /^application\/([\w.-]+\+)?json\b/i.test(type)) ??
    types.find((type) => type.includes('json')) ??
    types.find((type) => type.toLowerCase().startsWith(FORM)) ??
    types.find((type) => type.toLowerCase().startsWith(MULTIPART));
  const chosen = sendable ?? types[0];
  if (chosen === undefined) return undefined;
  if (!sendable && warnings) {
    warnings.push({
      code: SpecWarningCode.BodyChanged,
      message: `The body is ${chosen}; the action sends its fields as JSON`,
      pointer,
    });
  }
  return { type: chosen.toLowerCase(), media: body.content[chosen] ?? {} };
}

/** The top-level properties of an object schema, `allOf` members merged; null for anything else. */
function objectShape(
  schema: Record<string, unknown>,
): { properties: Record<string, unknown>; required: string[] } | null {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  let found = false;
  if (isObject(schema.properties)) {
    Object.assign(properties, schema.properties);
    found = true;
  }
  if (Array.isArray(schema.required))
    required.push(...schema.required.filter((name): name is string => typeof name === 'string'));
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) {
      const shape = isObject(member) ? objectShape(member) : null;
      if (!shape) continue;
      found = true;
      Object.assign(properties, shape.properties);
      required.push(...shape.required);
    }
  }
  if (!found && schema.type === 'object') found = true;
  return found && schema.type !== 'array' ? { properties, required } : null;
}

function addProperty(input: ActionInput, name: string, schema: Record<string, unknown>, required: boolean): void {
  input.properties[name] = schema;
  if (!required) return;
  if (input.required) input.required.push(name);
  else input.required = [name];
}

/** A name the input schema accepts for a wire name: itself when free and valid, else a cleaned, unique one. */
function propertyKey(input: ActionInput, name: string, where: string): string {
  if (PROPERTY_NAME.test(name) && !input.properties[name]) return name;
  let base = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || where;
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  base = base.slice(0, 64);
  if (!input.properties[base]) return base;
  const prefixed = `${where}_${base}`.slice(0, 64);
  let key = prefixed;
  for (let n = 2; input.properties[key]; n++) key = `${prefixed.slice(0, 60)}_${n}`;
  return key;
}

const STYLES: Record<string, readonly string[]> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  body: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
};
const DEFAULT_STYLE: Record<string, string> = { path: 'simple', query: 'form', header: 'simple', body: 'form' };

/** `x-name`, `x-style` and `x-explode` for a property, each only when it differs from what the runner assumes. */
function wireHints(
  key: string,
  name: string,
  where: string,
  encoding: { style?: string; explode?: boolean },
): Record<string, unknown> {
  const style = encoding.style && STYLES[where]?.includes(encoding.style) ? encoding.style : DEFAULT_STYLE[where];
  const explodeDefault = style === 'form';
  return {
    ...(key === name ? {} : { 'x-name': name }),
    ...(style === DEFAULT_STYLE[where] ? {} : { 'x-style': style }),
    ...(encoding.explode === undefined || encoding.explode === explodeDefault ? {} : { 'x-explode': encoding.explode }),
  };
}

/**
 * Merges an operation's path, query and header parameters and its body's top-level properties into one
 * input schema, each property marked with `x-in` and, where the wire differs from the defaults, `x-name`,
 * `x-style` and `x-explode`. A name the schema cannot hold, or one that two places share (a body field and a
 * query parameter), gets a cleaned or prefixed property name and keeps its own in `x-name`; path placeholders
 * are renamed with it.
 *
 * @returns the input and the path template, or a reason the operation cannot become an action
 */
export function buildInput(
  operation: SpecOperation,
  context: InputContext,
): { input: ActionInput; path: string } | { skip: string } {
  const { warnings } = context;
  const input: ActionInput = { type: 'object', properties: {} };
  const pointer = operation.pointer;
  const placeholders = new Map<string, string>();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())) continue;
    if (parameter.in === 'cookie') {
      warnings.push({
        code: SpecWarningCode.InputSkipped,
        message: `cookie parameter "${parameter.name}" left out: cookie parameters are not supported`,
        pointer,
      });
      continue;
    }
    const key = propertyKey(input, parameter.name, parameter.in);
    const schema = inlineFor(context, parameter.schema, pointer);
    const property: Record<string, unknown> = {
      ...schema,
      ...(parameter.description && typeof schema.description !== 'string'
        ? { description: parameter.description }
        : {}),
      ...(parameter.deprecated ? { deprecated: true } : {}),
      'x-in': parameter.in,
      ...wireHints(key, parameter.name, parameter.in, parameter),
    };
    if (parameter.in === 'path') placeholders.set(parameter.name, key);
    addProperty(input, key, property, parameter.required);
  }
  for (const [, name] of operation.path.matchAll(/\{([^}]*)\}/g)) {
    if (placeholders.has(name as string)) continue;
    if (!name) return { skip: 'the path has an empty {} placeholder' };
    // Many specs leave path parameters undeclared; the template still needs them.
    const key = propertyKey(input, name as string, 'path');
    placeholders.set(name as string, key);
    addProperty(input, key, { type: 'string', 'x-in': 'path', ...wireHints(key, name as string, 'path', {}) }, true);
  }
  const path = operation.path.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const key = placeholders.get(name);
    return key === undefined ? whole : `{${key}}`;
  });
  if (operation.requestBody) addBody(input, operation.requestBody, context, pointer);
  return { input, path };
}

function addBody(input: ActionInput, body: SpecRequestBody, context: InputContext, pointer: string): void {
  const { warnings } = context;
  const picked = pickMedia(body, warnings, pointer);
  if (!picked) return;
  const shape = objectShape(inlineFor(context, picked.media.schema, pointer));
  if (!shape) {
    warnings.push({
      code: SpecWarningCode.BodyChanged,
      message: 'The body is not an object with properties: the action has no body fields (edit its input by hand)',
      pointer,
    });
    return;
  }
  if (picked.type.startsWith(FORM)) input['x-content-type'] = FORM;
  else if (picked.type.startsWith(MULTIPART)) input['x-content-type'] = MULTIPART;
  const required = new Set(body.required ? shape.required : []);
  for (const [name, value] of Object.entries(shape.properties)) {
    const schema = isObject(value) ? value : {};
    if (schema.readOnly === true) continue;
    const key = propertyKey(input, name, 'body');
    const hints = wireHints(key, name, 'body', picked.media.encoding?.[name] ?? {});
    addProperty(input, key, { ...schema, 'x-in': 'body', ...hints }, required.has(name));
  }
}
