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

/** The JSON media type of a body, else its first one (with a warning: actions send JSON). */
export function pickMedia(body: SpecRequestBody, warnings: SpecWarning[] | null, pointer: string): Located | undefined {
  const types = Object.keys(body.content);
  const json =
    types.find((type) => /^application\/([\w.-]+\+)?json\b/i.test(type)) ?? types.find((type) => type.includes('json'));
  const chosen = json ?? types[0];
  if (chosen === undefined) return undefined;
  if (!json && warnings) {
    warnings.push({
      code: SpecWarningCode.BodyChanged,
      message: `The body is ${chosen}; the action sends its fields as JSON`,
      pointer,
    });
  }
  return body.content[chosen]?.schema;
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

/**
 * Merges an operation's path, query and header parameters and its JSON body's top-level properties into one
 * input schema, each property marked with `x-in`.
 *
 * @returns the input, or a reason the operation cannot become an action
 */
export function buildInput(operation: SpecOperation, context: InputContext): { input: ActionInput } | { skip: string } {
  const { warnings } = context;
  const input: ActionInput = { type: 'object', properties: {} };
  const pointer = operation.pointer;
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())) continue;
    if (parameter.in === 'cookie' || !PROPERTY_NAME.test(parameter.name)) {
      const why =
        parameter.in === 'cookie' ? 'cookie parameters are not supported' : 'its name cannot be an input property';
      if (parameter.in === 'path') return { skip: `path parameter "${parameter.name}": ${why}` };
      warnings.push({
        code: SpecWarningCode.InputSkipped,
        message: `${parameter.in} parameter "${parameter.name}" left out: ${why}`,
        pointer,
      });
      continue;
    }
    const schema = inlineFor(context, parameter.schema, pointer);
    const property: Record<string, unknown> = {
      ...schema,
      ...(parameter.description && typeof schema.description !== 'string'
        ? { description: parameter.description }
        : {}),
      ...(parameter.deprecated ? { deprecated: true } : {}),
      'x-in': parameter.in,
    };
    addProperty(input, parameter.name, property, parameter.required);
  }
  for (const [, name] of operation.path.matchAll(/\{([^}]*)\}/g)) {
    const existing = input.properties[name as string];
    if (existing?.['x-in'] === 'path') continue;
    if (existing || !PROPERTY_NAME.test(name as string))
      return { skip: `path parameter "{${name}}" cannot be an input property` };
    // Many specs leave path parameters undeclared; the template still needs them.
    addProperty(input, name as string, { type: 'string', 'x-in': 'path' }, true);
  }
  if (operation.requestBody) addBody(input, operation.requestBody, context, pointer);
  return { input };
}

function addBody(input: ActionInput, body: SpecRequestBody, context: InputContext, pointer: string): void {
  const { warnings } = context;
  const media = pickMedia(body, warnings, pointer);
  if (!media) return;
  const shape = objectShape(inlineFor(context, media, pointer));
  if (!shape) {
    warnings.push({
      code: SpecWarningCode.BodyChanged,
      message: 'The body is not a JSON object with properties: the action has no body fields (edit its input by hand)',
      pointer,
    });
    return;
  }
  const required = new Set(body.required ? shape.required : []);
  for (const [name, value] of Object.entries(shape.properties)) {
    const schema = isObject(value) ? value : {};
    if (schema.readOnly === true) continue;
    if (!PROPERTY_NAME.test(name) || input.properties[name]) {
      const why = input.properties[name] ? 'a parameter has the same name' : 'its name cannot be an input property';
      warnings.push({ code: SpecWarningCode.InputSkipped, message: `body field "${name}" left out: ${why}`, pointer });
      continue;
    }
    addProperty(input, name, { ...schema, 'x-in': 'body' }, required.has(name));
  }
}
