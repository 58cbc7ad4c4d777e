import type { ComponentChildren, JSX } from 'preact';

/** Turns a dotted error path such as `authMethods.0.tokenUrl` into an element id. */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

interface FieldProps {
  /** The error path, which also names the control's id. */
  path: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Draws the control; spread `control` onto it for its id, invalid state and description. */
  children: (control: {
    id: string;
    'aria-invalid': 'true' | undefined;
    'aria-describedby': string | undefined;
  }) => ComponentChildren;
  class?: string;
}

/** A labelled control with its hint and its inline error. */
export function Field({ path, label, error, hint, children, class: className }: FieldProps) {
  const id = fieldId(path);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${className ?? ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described })}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`error-${path}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** An error that belongs to no single field. */
export function FormError({ children }: { children: ComponentChildren }) {
  return (
    <p class="form-error" role="alert" data-testid="form-error">
      {children}
    </p>
  );
}

export type InputEvent = JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, Event>;
