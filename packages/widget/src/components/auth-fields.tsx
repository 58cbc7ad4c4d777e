import type { PublicAuthMethod } from '@plugboard/shared';
import { format, type Messages } from '../messages.js';

/** One field of an auth form. */
export interface FieldSpec {
  name: string;
  label: string;
  secret: boolean;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'url' | 'password' | undefined;
  placeholder?: string | undefined;
}

/** The fields an end user fills for an auth method; empty for `none` and OAuth 2.0, null when it cannot connect here. */
export function fieldsFor(method: PublicAuthMethod, messages: Messages): FieldSpec[] | null {
  switch (method.kind) {
    case 'none':
    case 'oauth2':
      return [];
    case 'apiKey': {
      const hint = format(method.in === 'query' ? messages.apiKeyQuery : messages.apiKeyHeader, {
        name: method.name ?? '',
      });
      return [{ name: 'apiKey', label: messages.apiKey, secret: true, hint }];
    }
    case 'bearer':
      return [{ name: 'token', label: messages.token, secret: true }];
    case 'basic':
      return [
        { name: 'username', label: messages.username, secret: false },
        { name: 'password', label: messages.password, secret: true },
      ];
    case 'custom':
      return (method.fields ?? []).map(({ name, label, secret, hint, type, placeholder }) => ({
        ...{ name, label, secret, hint, type, placeholder },
      }));
    default:
      return null;
  }
}

/** A labelled input with its hint and error wired for screen readers. */
export function Field({
  id,
  spec,
  value,
  error,
  required,
  onInput,
}: {
  id: string;
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  /** Announced as required; the form checks it on submit (the form is `noValidate`). */
  required?: boolean;
  onInput(value: string): void;
}) {
  const described = [spec.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div part="field" class="field">
      <label for={id}>{spec.label}</label>
      <input
        part="input"
        id={id}
        name={spec.name}
        type={spec.secret ? 'password' : (spec.type ?? 'text')}
        placeholder={spec.placeholder}
        autocomplete="off"
        spellcheck={false}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-required={required ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {spec.hint && (
        <p class="hint" id={`${id}-hint`}>
          {spec.hint}
        </p>
      )}
      {error && (
        <p part="field-error" class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
