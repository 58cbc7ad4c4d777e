/** The control a property of an action's input gets in the Test form. */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

/** One property of an action's input, read from its JSON Schema. */
export interface InputField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  /** Where the property travels: path, query, header or body. */
  in: string;
  /** The allowed values of an enum, in order. */
  options: unknown[];
  /** `object` or `array` for a JSON field. */
  jsonType: 'object' | 'array' | 'any';
}

/** What the form holds per field: text for inputs and selects, JSON text for objects and arrays. */
export type InputValues = Record<string, string>;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The first non-null type of a property: `["string", "null"]` reads as `string`. */
const typeOf = (schema: Record<string, unknown>): string | undefined => {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((item): item is string => typeof item === 'string' && item !== 'null');
  return undefined;
};

/**
 * The fields of an action's input schema, in the schema's order. Anything the form has no control for
 * (objects, arrays, unknown types) becomes a JSON field, so every input can still be sent.
 */
export function fieldsOf(input: Record<string, unknown>): InputField[] {
  const required = new Set(Array.isArray(input.required) ? input.required.filter((x) => typeof x === 'string') : []);
  return Object.entries(record(input.properties)).map(([name, raw]) => {
    const schema = record(raw);
    const type = typeOf(schema);
    const options = Array.isArray(schema.enum) ? schema.enum : [];
    const kind: FieldKind =
      options.length > 0
        ? 'enum'
        : type === 'string' || type === 'number' || type === 'integer' || type === 'boolean'
          ? type
          : 'json';
    return {
      name,
      label: typeof schema.title === 'string' && schema.title ? schema.title : name,
      kind,
      required: required.has(name),
      description: typeof schema.description === 'string' ? schema.description : '',
      in: typeof schema['x-in'] === 'string' ? schema['x-in'] : 'body',
      options,
      jsonType: type === 'object' || type === 'array' ? type : 'any',
    };
  });
}

/** The form's starting values: each property's `default` where it has one, else empty. */
export function initialValues(input: Record<string, unknown>, fields: InputField[]): InputValues {
  const properties = record(input.properties);
  const values: InputValues = {};
  for (const field of fields) {
    const fallback = record(properties[field.name]).default;
    if (fallback === undefined) values[field.name] = field.kind === 'boolean' && field.required ? 'false' : '';
    else if (field.kind === 'enum') values[field.name] = String(Math.max(0, field.options.indexOf(fallback)));
    else if (field.kind === 'json') values[field.name] = JSON.stringify(fallback, null, 2);
    else values[field.name] = String(fallback);
  }
  return values;
}

/** How an enum option reads in its select. */
export const optionLabel = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function readOne(field: InputField, text: string): { value?: unknown; error?: string } {
  switch (field.kind) {
    case 'string':
      return { value: text };
    case 'number':
    case 'integer': {
      const number = Number(text.trim());
      if (!Number.isFinite(number)) return { error: 'Enter a number' };
      if (field.kind === 'integer' && !Number.isInteger(number)) return { error: 'Enter a whole number' };
      return { value: number };
    }
    case 'boolean':
      return { value: text === 'true' };
    case 'enum':
      return { value: field.options[Number(text)] };
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return { error: `Not valid JSON: ${(error as Error).message}` };
      }
      if (field.jsonType === 'array' && !Array.isArray(value)) return { error: 'Enter a JSON array, e.g. [1, 2]' };
      if (field.jsonType === 'object' && (typeof value !== 'object' || value === null || Array.isArray(value)))
        return { error: 'Enter a JSON object, e.g. {"name": "Ada"}' };
      return { value };
    }
  }
}

/**
 * Turns the form's values into the action's input: empty optional fields are left out, required ones must be
 * filled, numbers and JSON must parse. The server checks the schema again; this catches what a form can.
 */
export function readInput(
  fields: InputField[],
  values: InputValues,
): { input: Record<string, unknown>; errors: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = values[field.name] ?? '';
    if (text.trim() === '') {
      if (field.required) errors[field.name] = field.kind === 'enum' ? 'Choose a value' : 'Required';
      continue;
    }
    const read = readOne(field, text);
    if (read.error) errors[field.name] = read.error;
    else input[field.name] = read.value;
  }
  return { input, errors };
}

/**
 * Splits a server's `validation_failed` issues into the fields they name (`input.<field>`, or deeper paths
 * under it) and the rest.
 */
export function issuesOnFields(
  issues: Record<string, string>,
  fields: InputField[],
): { fields: Record<string, string>; rest: string[] } {
  const names = new Set(fields.map((field) => field.name));
  const onFields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(issues)) {
    const [head, name, ...deeper] = path.split('.');
    if (head === 'input' && name && names.has(name)) {
      onFields[name] ??= deeper.length ? `${deeper.join('.')}: ${message}` : message;
    } else rest.push(path ? `${path}: ${message}` : message);
  }
  return { fields: onFields, rest };
}
