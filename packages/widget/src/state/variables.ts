import type { PublicVariable } from '@plugboard/shared';
import { format, type Messages } from '../messages.js';

/** The field-error key of a variable: the API reports its problems at `variables.<name>` too. */
export const variableErrorKey = (name: string) => `variables.${name}`;

/**
 * What is wrong with the variables an end user typed (an empty or ill-formed value), keyed by
 * {@link variableErrorKey}. Checked before an OAuth popup opens, so the authorize URL only ever uses good values;
 * the server checks them again.
 */
export function variableErrors(
  variables: readonly PublicVariable[],
  values: Readonly<Record<string, string>>,
  messages: Messages,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const variable of variables) {
    const value = values[variable.name]?.trim() ?? '';
    if (value === '')
      errors[variableErrorKey(variable.name)] = format(messages.variableRequired, { label: variable.label });
    else if (!matches(variable.pattern, value))
      errors[variableErrorKey(variable.name)] = format(messages.variableInvalid, {
        label: variable.label,
        example: variable.example,
      });
  }
  return errors;
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    // A pattern this browser cannot compile is left to the server, which checks every value anyway.
    return true;
  }
}
