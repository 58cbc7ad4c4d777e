import { z } from 'zod';
import {
  effectivePattern,
  isSafePattern,
  isValidPattern,
  MAX_VARIABLE_VALUE_LENGTH,
  MAX_VARIABLES,
  placeholdersOf,
  placesOfAll,
  VARIABLE_NAME_PATTERN,
  type VariableDefinition,
  variableValueProblem,
} from '../variables.js';

/** A variable's name, as used in `{name}` placeholders. */
export const variableNameSchema = z
  .string()
  .regex(VARIABLE_NAME_PATTERN, 'Use a letter, then up to 39 letters, digits, _ or -, e.g. "shop"');

/**
 * A variable a connector declares: a part of its base URL or OAuth URLs that differs per end user (a shop, a
 * subdomain, a region, an account id), asked for when connecting and stored with the connection.
 */
export const connectorVariableSchema = z
  .strictObject({
    name: variableNameSchema,
    /** What the connect form calls it, e.g. "Shop". */
    label: z.string().trim().min(1, 'Enter a label').max(80),
    /** A value of the expected form, shown as the field's placeholder, e.g. `acme-store`. */
    example: z.string().min(1, 'Enter an example').max(MAX_VARIABLE_VALUE_LENGTH),
    /** A JavaScript regular expression (u flag) the whole value must match, on top of the safe default for where it is used. */
    pattern: z
      .string()
      .min(1)
      .max(300)
      .refine(isValidPattern, 'Must be a valid regular expression')
      .refine(
        (pattern) => !isValidPattern(pattern) || isSafePattern(pattern),
        'Must not nest quantifiers, as in (a+)+ or (a|b)*, nor use backreferences',
      )
      .optional(),
    /** A hint under the field, e.g. "The part before .myshopify.com". */
    description: z.string().max(300).optional(),
  })
  .superRefine((variable, ctx) => {
    if (variable.pattern && isValidPattern(variable.pattern) && variableValueProblem(variable, variable.example, []))
      ctx.addIssue({ code: 'custom', path: ['example'], message: 'Must match the pattern' });
  });

/** A connector's list of variables: unique names, at most {@link MAX_VARIABLES}. */
export const connectorVariablesSchema = z
  .array(connectorVariableSchema)
  .max(MAX_VARIABLES)
  .superRefine((variables, ctx) => {
    const seen = new Set<string>();
    for (const [index, variable] of variables.entries()) {
      if (seen.has(variable.name))
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `Another variable is named ${variable.name}` });
      seen.add(variable.name);
    }
  });

/** Values an end user gives a connector's variables when connecting, by name. */
export const variableValuesSchema = z
  .record(variableNameSchema, z.string().trim().max(MAX_VARIABLE_VALUE_LENGTH))
  .refine((values) => Object.keys(values).length <= MAX_VARIABLES, `At most ${MAX_VARIABLES} variables`)
  .default({});

/** A variable as a connect session sees it: `pattern` is everything a value must match, ready for the form. */
export const publicVariableSchema = z.object({
  name: z.string(),
  label: z.string(),
  example: z.string(),
  /** A JavaScript regular expression (u flag, without anchors) the whole value must match. */
  pattern: z.string(),
  description: z.string().optional(),
});

/** The URLs of a connector that may hold placeholders. */
export interface TemplatedUrls {
  apiBaseUrl?: string | null | undefined;
  authMethods: ReadonlyArray<{
    kind: string;
    authorizationUrl?: string | undefined;
    tokenUrl?: string | undefined;
    revocationUrl?: string | undefined;
  }>;
}

/** Every URL of a connector that may hold `{name}` placeholders, with the dotted path of its field. */
export function templatedUrls(connector: TemplatedUrls): Array<[path: string, url: string]> {
  const urls: Array<[string, string]> = [];
  if (connector.apiBaseUrl) urls.push(['apiBaseUrl', connector.apiBaseUrl]);
  for (const [index, method] of connector.authMethods.entries()) {
    for (const field of ['authorizationUrl', 'tokenUrl', 'revocationUrl'] as const) {
      const url = method[field];
      if (url) urls.push([`authMethods.${index}.${field}`, url]);
    }
  }
  return urls;
}

/**
 * Problems between a connector's URLs and its variables: a placeholder no variable declares, or a variable no
 * URL uses. Run on the whole connector (after a patch is applied), since the two can change separately.
 */
export function variableUsageIssues(
  connector: TemplatedUrls,
  variables: readonly VariableDefinition[],
): Array<{ path: string; message: string }> {
  const declared = new Set(variables.map((variable) => variable.name));
  const issues: Array<{ path: string; message: string }> = [];
  const used = new Set<string>();
  for (const [path, url] of templatedUrls(connector)) {
    for (const name of placeholdersOf(url)) {
      used.add(name);
      if (!declared.has(name)) issues.push({ path, message: `Uses {${name}}: declare a variable named ${name}` });
    }
  }
  for (const [index, variable] of variables.entries()) {
    if (!used.has(variable.name)) {
      issues.push({
        path: `variables.${index}.name`,
        message: `{${variable.name}} is not used in the API base URL or an OAuth URL`,
      });
    }
  }
  return issues;
}

/** The variables of a connector as the connect form needs them, each with the one pattern its values must match. */
export function publicVariables(
  connector: TemplatedUrls,
  variables: readonly VariableDefinition[],
): Array<z.output<typeof publicVariableSchema>> {
  // Most connectors declare none: a listing of hundreds of cards should not scan each one's URLs for nothing.
  if (variables.length === 0) return [];
  const places = placesOfAll(templatedUrls(connector).map(([, url]) => url));
  return variables.map((variable) => ({
    name: variable.name,
    label: variable.label,
    example: variable.example,
    pattern: effectivePattern(variable.pattern, places.get(variable.name) ?? []),
    ...(variable.description ? { description: variable.description } : {}),
  }));
}
