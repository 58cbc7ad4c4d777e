import { Field } from '../components/field.js';
import type { FieldErrors, VariableDraft } from './draft.js';

interface Props {
  variables: VariableDraft[];
  errors: FieldErrors;
  onChange(index: number, patch: Partial<VariableDraft>): void;
  onAdd(): void;
  onRemove(index: number): void;
}

const value = (event: Event) => (event.currentTarget as HTMLInputElement).value;

const FIELDS = [
  ['name', 'Name', 'Used as {name} in the base URL and OAuth URLs, e.g. shop'],
  ['label', 'Label', 'What the connect form asks, e.g. Shop'],
  ['example', 'Example', 'Shown as the placeholder, e.g. acme-store'],
  ['pattern', 'Pattern (optional)', 'A regular expression the whole value must match, e.g. [a-z0-9-]+'],
  ['description', 'Hint (optional)', 'e.g. The part before .myshopify.com'],
] as const;

/**
 * The connector's variables: parts of its URLs each end user gives when connecting (a shop, a subdomain, a
 * region). Values in a host are always held to one DNS label, whatever the pattern.
 */
export function VariableFields({ variables, errors, onChange, onAdd, onRemove }: Props) {
  return (
    <fieldset class="variables" data-testid="connector-variables">
      <legend>Connection variables</legend>
      <p class="hint">
        Parts of the API base URL or OAuth URLs that differ per customer, written {'{name}'} there, e.g. https://
        {'{shop}'}.myshopify.com. The connect form asks each end user for them.
      </p>
      {variables.map((variable, index) => (
        <div class="variable" key={variable.key} data-testid={`variable-${index}`}>
          <div class="row">
            {FIELDS.map(([field, label, hint]) => (
              <Field
                key={field}
                path={`variables.${index}.${field}`}
                label={label}
                hint={hint}
                error={errors[`variables.${index}.${field}`]}
              >
                {(control) => (
                  <input
                    {...control}
                    value={variable[field]}
                    onInput={(event) => onChange(index, { [field]: value(event) })}
                    autocomplete="off"
                    spellcheck={false}
                    data-testid={`variable-${index}-${field}`}
                  />
                )}
              </Field>
            ))}
          </div>
          <button
            type="button"
            class="secondary"
            onClick={() => onRemove(index)}
            aria-label={`Remove variable ${variable.name || index + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={onAdd}
        disabled={variables.length >= 10}
        data-testid="add-variable"
      >
        + Add variable
      </button>
    </fieldset>
  );
}
