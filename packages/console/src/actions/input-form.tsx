import { Field } from '../components/field.js';
import { type InputField, type InputValues, optionLabel } from './input-fields.js';

const LOCATION: Record<string, string> = { path: 'path', query: 'query', header: 'header', body: 'body' };

/** The label of a field: its name, a required mark, and where it travels. */
function label(field: InputField) {
  return `${field.label}${field.required ? ' (required)' : ''}`;
}

/** The hint under a field: where it goes, its description, and what a JSON field expects. */
function hint(field: InputField) {
  const where = `In the ${LOCATION[field.in] ?? field.in}.`;
  const json = field.kind === 'json' ? ` JSON ${field.jsonType === 'any' ? 'value' : field.jsonType}.` : '';
  return `${where}${json}${field.description ? ` ${field.description}` : ''}`;
}

/** The controls generated from an action's input schema; one per property. */
export function InputForm({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: InputField[];
  values: InputValues;
  errors: Record<string, string>;
  onChange: (values: InputValues) => void;
}) {
  if (fields.length === 0) return <p class="note">This action takes no input.</p>;
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  return (
    <fieldset class="input-form" data-testid="action-input">
      <legend>Input</legend>
      {fields.map((field) => (
        <Field
          key={field.name}
          path={`input.${field.name}`}
          label={label(field)}
          hint={hint(field)}
          error={errors[field.name]}
        >
          {(control) => {
            const common = {
              ...control,
              'aria-required': field.required ? ('true' as const) : undefined,
              'data-testid': `action-input-${field.name}`,
              'data-in': field.in,
            };
            const value = values[field.name] ?? '';
            if (field.kind === 'boolean')
              return (
                <select {...common} value={value} onChange={(event) => set(field.name, event.currentTarget.value)}>
                  {!field.required && <option value="">Not sent</option>}
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              );
            if (field.kind === 'enum')
              return (
                <select {...common} value={value} onChange={(event) => set(field.name, event.currentTarget.value)}>
                  <option value="">{field.required ? 'Choose…' : 'Not sent'}</option>
                  {field.options.map((option, index) => (
                    <option key={optionLabel(option)} value={String(index)}>
                      {optionLabel(option)}
                    </option>
                  ))}
                </select>
              );
            if (field.kind === 'json')
              return (
                <textarea
                  {...common}
                  class="code-input"
                  rows={4}
                  spellcheck={false}
                  value={value}
                  onInput={(event) => set(field.name, event.currentTarget.value)}
                />
              );
            return (
              <input
                {...common}
                type="text"
                inputMode={field.kind === 'string' ? undefined : field.kind === 'integer' ? 'numeric' : 'decimal'}
                autocomplete="off"
                value={value}
                onInput={(event) => set(field.name, event.currentTarget.value)}
              />
            );
          }}
        </Field>
      ))}
    </fieldset>
  );
}
