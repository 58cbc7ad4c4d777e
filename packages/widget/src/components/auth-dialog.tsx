import { useEffect, useRef, useState } from 'preact/hooks';
import { format, type Messages, problemText } from '../messages.js';
import type { ConnectStore } from '../state/connect-store.js';
import { variableErrorKey, variableErrors } from '../state/variables.js';
import { Field, fieldsFor } from './auth-fields.js';

/** Where focus goes after a failed submit: the first field with an error, else the form's Connect button. */
const INVALID = '[aria-invalid="true"], button[type="submit"]:not([disabled])';

const FOCUSABLE = 'input:not([disabled]), select, button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside the dialog and closes it on Escape. */
function trapKeys(event: KeyboardEvent, container: HTMLElement | null, onEscape: () => void) {
  if (event.key === 'Escape') {
    event.preventDefault();
    onEscape();
    return;
  }
  if (event.key !== 'Tab' || !container) return;
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  const active = (container.getRootNode() as ShadowRoot | Document).activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first?.focus();
  }
}

/**
 * The modal form that connects the open card: a choice of auth method when there are several,
 * the method's fields, and an optional label. Typed secrets live only in this component's state.
 */
export function AuthDialog({ store, messages }: { store: ConnectStore; messages: Messages }) {
  const card = store.openCard.value;
  const method = store.method.value;
  // What is typed belongs to the method it was typed for: a new method starts empty, so nothing typed for one is
  // sent with another. Derived while rendering, not reset by an effect, which would run after the browser paints
  // and wipe what a fast typist or a password manager had already filled in.
  const [typed, setTyped] = useState<{ methodId?: string; values: Record<string, string> }>({ values: {} });
  const values = typed.methodId === method?.id ? typed.values : {};
  const [label, setLabel] = useState('');
  // Not secret, and the same whatever the method: kept when the end user switches methods.
  const [variables, setVariables] = useState<Record<string, string>>({});
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input, select, button.primary')?.focus();
  }, [card?.id]);

  if (!card || !method) return null;
  const fields = fieldsFor(method, messages);
  const errors = store.fieldErrors.value;
  const formError = store.formError.value;
  const busy = store.submitting.value;
  const titleId = 'plugboard-dialog-title';
  const asked = store.reconnectId.value ? [] : card.variables;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (!fields) return;
    const credentials = Object.fromEntries(fields.map((field) => [field.name, values[field.name] ?? '']));
    const given = Object.fromEntries(asked.map((variable) => [variable.name, variables[variable.name]?.trim() ?? '']));
    const invalid = variableErrors(asked, given, messages);
    if (Object.keys(invalid).length > 0) {
      // Checked here, before anything is sent or a sign-in window opens.
      store.fieldErrors.value = invalid;
      requestAnimationFrame(() => dialog.current?.querySelector<HTMLElement>(INVALID)?.focus());
      return;
    }
    if (await store.submit(credentials, label.trim() || undefined, given)) setTyped({ values: {} });
    // The Connect button was disabled while sending, which drops focus to the page: it goes to what needs fixing,
    // so the error is read out and Escape still reaches the dialog.
    else requestAnimationFrame(() => dialog.current?.querySelector<HTMLElement>(INVALID)?.focus());
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer convenience; Escape and Cancel close it by keyboard
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above
    <div class="backdrop" onClick={(event) => event.target === event.currentTarget && store.close()}>
      <div
        part="dialog"
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={dialog}
        onKeyDown={(event) => trapKeys(event, dialog.current, store.close)}
      >
        <h2 id={titleId}>
          {format(store.reconnectId.value ? messages.reconnectTitle : messages.dialogTitle, { name: card.name })}
        </h2>
        <form part="form" class="form" onSubmit={onSubmit} noValidate aria-busy={busy ? 'true' : undefined}>
          {card.authMethods.length > 1 && (
            <div part="field" class="field">
              <label for="plugboard-method">{messages.authMethod}</label>
              <select
                id="plugboard-method"
                part="input"
                value={method.id}
                onChange={(event) => store.selectMethod(event.currentTarget.value)}
              >
                {card.authMethods.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {fields !== null &&
            asked.map((variable) => (
              <Field
                key={`variable-${variable.name}`}
                id={`plugboard-variable-${variable.name}`}
                spec={{
                  name: variable.name,
                  label: variable.label,
                  secret: false,
                  hint: variable.description,
                  placeholder: variable.example,
                }}
                value={variables[variable.name] ?? ''}
                error={errors[variableErrorKey(variable.name)]}
                required
                onInput={(value) => setVariables((current) => ({ ...current, [variable.name]: value }))}
              />
            ))}
          {fields === null && <p class="note">{messages.notAvailable}</p>}
          {fields?.length === 0 && (
            <p class="note">
              {format(method.kind === 'oauth2' ? messages.oauthNote : messages.noAuth, { name: card.name })}
            </p>
          )}
          {fields?.map((field) => (
            <Field
              key={`${method.id}-${field.name}`}
              id={`plugboard-field-${field.name}`}
              spec={field}
              value={values[field.name] ?? ''}
              error={errors[field.name]}
              onInput={(value) =>
                setTyped((current) => ({
                  methodId: method.id,
                  values: { ...(current.methodId === method.id ? current.values : {}), [field.name]: value },
                }))
              }
            />
          ))}
          {fields !== null && (
            <Field
              id="plugboard-field-label"
              spec={{ name: 'label', label: messages.label, secret: false, hint: messages.labelHint }}
              value={label}
              error={errors.label}
              onInput={setLabel}
            />
          )}
          {busy && store.popupClosed.value && (
            <p class="note" role="status">
              {messages.popupClosed}
            </p>
          )}
          {formError && (
            <p part="form-error" class="form-error" role="alert">
              {problemText(formError, messages)}
            </p>
          )}
          <div class="buttons">
            <button type="button" part="cancel" class="secondary" onClick={store.close}>
              {messages.cancel}
            </button>
            <button type="submit" part="submit" class="primary" disabled={fields === null || busy}>
              {busy ? (method.kind === 'oauth2' ? messages.oauthWaiting : messages.submitting) : messages.submit}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
