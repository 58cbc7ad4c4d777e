import { AUTH_KIND_LABELS, AUTH_KINDS, type AuthKind, type ConnectorCreate, type OAuthApp } from '@plugboard/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, FormError } from '../components/field.js';
import type { ConsoleClient } from '../console-client.js';
import { codeOf, errorText, issuesOf } from '../state/errors.js';
import { AuthMethodFields } from './auth-method-fields.js';
import {
  type ConnectorDraft,
  type FieldErrors,
  iconProblem,
  type MethodDraft,
  newMethod,
  newVariable,
  slugProblem,
  type VariableDraft,
  validateDraft,
  withName,
  withSlug,
} from './draft.js';
import { VariableFields } from './variable-fields.js';

interface Props {
  client: ConsoleClient;
  initial: ConnectorDraft;
  /** Slugs of the organization's other connectors. */
  takenSlugs: readonly string[];
  submitLabel: string;
  /** Sends the valid body; throws the SDK's error when the API refuses it. */
  onSubmit(value: ConnectorCreate): Promise<void>;
  onCancel?: () => void;
}

type AppsState = { status: 'idle' | 'loading' | 'ready' | 'failed'; apps: OAuthApp[] };

/** Loads the managed OAuth apps once the form has an OAuth 2.0 method that could use one. */
export function useOAuthApps(client: ConsoleClient, needed: boolean): AppsState {
  const [state, setState] = useState<AppsState>({ status: 'idle', apps: [] });
  useEffect(() => {
    if (!needed || state.status !== 'idle') return;
    setState({ status: 'loading', apps: [] });
    client.oauthApps.list().then(
      (page) => setState({ status: 'ready', apps: page.data }),
      () => setState({ status: 'failed', apps: [] }),
    );
  }, [needed, state.status, client]);
  return state;
}

const value = (event: Event) => (event.currentTarget as HTMLInputElement).value;

/**
 * The Create Connector form, also used on a connector's settings page. Checked as a whole with the API's
 * own schema before anything is sent; the API's answers (`validation_failed`, `slug_taken`) land on fields too.
 */
export function ConnectorForm({ client, initial, takenSlugs, submitLabel, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kindToAdd, setKindToAdd] = useState<AuthKind>('apiKey');
  const [focusError, setFocusError] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const oauthApps = useOAuthApps(
    client,
    draft.methods.some((method) => method.kind === 'oauth2'),
  );

  useEffect(() => {
    if (focusError) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const slugError = errors.slug ?? slugProblem(draft.slug, takenSlugs);
  const iconError = errors.iconUrl ?? iconProblem(draft.iconUrl);
  const iconPreview = draft.iconUrl.trim() && !iconProblem(draft.iconUrl) ? draft.iconUrl.trim() : null;

  function update(next: ConnectorDraft, ...cleared: string[]) {
    setDraft(next);
    if (cleared.some((path) => errors[path])) {
      setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !cleared.includes(path))));
    }
  }

  function changeMethod(index: number, patch: Partial<MethodDraft>) {
    const methods = draft.methods.map((method, i) => (i === index ? { ...method, ...patch } : method));
    update({ ...draft, methods }, ...Object.keys(patch).map((key) => `authMethods.${index}.${key}`));
  }

  function changeVariable(index: number, patch: Partial<VariableDraft>) {
    const variables = draft.variables.map((variable, i) => (i === index ? { ...variable, ...patch } : variable));
    update({ ...draft, variables }, ...Object.keys(patch).map((key) => `variables.${index}.${key}`));
  }

  function removeVariable(index: number) {
    // Errors of later variables would now point at the wrong one.
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith('variables'))),
    );
    setDraft({ ...draft, variables: draft.variables.filter((_, i) => i !== index) });
  }

  function addMethod() {
    const methods = [...draft.methods, newMethod(kindToAdd, draft.methods.length === 0)];
    update({ ...draft, methods }, 'authMethods');
  }

  function removeMethod(index: number) {
    const removed = draft.methods[index];
    let methods = draft.methods.filter((_, i) => i !== index);
    if (removed?.isDefault && methods[0]) methods = methods.map((method, i) => ({ ...method, isDefault: i === 0 }));
    // Errors of later methods would now point at the wrong one.
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([path]) => !path.startsWith('authMethods'))),
    );
    setDraft({ ...draft, methods });
  }

  function makeDefault(index: number) {
    const methods = draft.methods.map((method, i) => ({ ...method, isDefault: i === index }));
    update({ ...draft, methods }, 'authMethods');
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const checked = validateDraft(draft, takenSlugs);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFocusError((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(checked.value);
    } catch (error) {
      const fields = codeOf(error) === 'slug_taken' ? { slug: errorText(error) } : issuesOf(error);
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        setFocusError((n) => n + 1);
      } else setFormError(error);
    } finally {
      setBusy(false);
    }
  }

  const unplaced = Object.entries(errors).filter(([path]) => !isPlaced(path, draft));

  return (
    <form class="form connector-form" noValidate onSubmit={submit} ref={form} data-testid="connector-form">
      <div class="row">
        <Field path="name" label="Name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              value={draft.name}
              onInput={(event) => update(withName(draft, value(event)), 'name', 'slug')}
              autocomplete="off"
              data-testid="connector-name"
            />
          )}
        </Field>
        <Field
          path="slug"
          label="Slug"
          hint="Used in the API and URLs. Generated from the name until you edit it."
          error={slugError}
        >
          {(control) => (
            <input
              {...control}
              value={draft.slug}
              onInput={(event) => update(withSlug(draft, value(event)), 'slug')}
              autocomplete="off"
              spellcheck={false}
              data-testid="connector-slug"
            />
          )}
        </Field>
      </div>
      <Field path="description" label="Description" error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={draft.description}
            onInput={(event) => update({ ...draft, description: value(event) }, 'description')}
            data-testid="connector-description"
          />
        )}
      </Field>
      <div class="row">
        <Field path="domain" label="Domain" hint="e.g. salesforce.com" error={errors.domain}>
          {(control) => (
            <input
              {...control}
              value={draft.domain}
              onInput={(event) => update({ ...draft, domain: value(event) }, 'domain')}
              autocomplete="off"
              data-testid="connector-domain"
            />
          )}
        </Field>
        <fieldset class="choice" data-testid="connector-visibility">
          <legend>Visibility</legend>
          {(['private', 'public'] as const).map((visibility) => (
            <label class="inline" key={visibility}>
              <input
                type="radio"
                name="visibility"
                value={visibility}
                checked={draft.visibility === visibility}
                onChange={() => update({ ...draft, visibility }, 'visibility')}
                data-testid={`visibility-${visibility}`}
              />
              {visibility === 'private' ? 'Private' : 'Public'}
              <span class="hint">
                {visibility === 'private' ? ' (your organization only)' : ' (other organizations can use it)'}
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <div class="icon-row">
        <Field path="iconUrl" label="Icon URL" hint="https only." error={iconError}>
          {(control) => (
            <input
              {...control}
              type="url"
              value={draft.iconUrl}
              onInput={(event) => update({ ...draft, iconUrl: value(event) }, 'iconUrl')}
              data-testid="connector-icon-url"
            />
          )}
        </Field>
        <div class="icon-preview" aria-live="polite">
          {iconPreview ? (
            <img src={iconPreview} alt="Icon preview" width={40} height={40} data-testid="icon-preview" />
          ) : (
            <span class="icon-placeholder" aria-hidden="true">
              {draft.name.trim().charAt(0).toUpperCase() || '?'}
            </span>
          )}
        </div>
      </div>
      <Field
        path="apiBaseUrl"
        label="API base URL"
        hint="Where actions go, e.g. https://api.example.com/v1; leave empty for https://api.<domain>. May use {name} variables."
        error={errors.apiBaseUrl}
      >
        {(control) => (
          <input
            {...control}
            type="url"
            value={draft.apiBaseUrl}
            onInput={(event) => update({ ...draft, apiBaseUrl: value(event) }, 'apiBaseUrl')}
            autocomplete="off"
            spellcheck={false}
            data-testid="connector-api-base-url"
          />
        )}
      </Field>
      <VariableFields
        variables={draft.variables}
        errors={errors}
        onChange={changeVariable}
        onAdd={() => update({ ...draft, variables: [...draft.variables, newVariable()] })}
        onRemove={removeVariable}
      />
      <fieldset class="methods" aria-describedby={errors.authMethods ? 'field-authMethods-error' : undefined}>
        <legend>Auth methods</legend>
        {draft.methods.length === 0 && <p class="hint">Add at least one way for users to connect.</p>}
        {draft.methods.map((method, index) => (
          <AuthMethodFields
            key={method.key}
            method={method}
            index={index}
            count={draft.methods.length}
            errors={errors}
            oauthApps={oauthApps}
            onChange={(patch) => changeMethod(index, patch)}
            onMakeDefault={() => makeDefault(index)}
            onRemove={() => removeMethod(index)}
          />
        ))}
        <div class="add-method">
          <Field path="new-method-kind" label="Auth method to add">
            {(control) => (
              <select
                {...control}
                value={kindToAdd}
                onChange={(event) => setKindToAdd(value(event) as AuthKind)}
                data-testid="auth-kind-select"
              >
                {AUTH_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {AUTH_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            class="secondary"
            onClick={addMethod}
            disabled={draft.methods.length >= 10}
            data-testid="add-auth-method"
            aria-label="+ Add auth method"
          >
            + Add
          </button>
        </div>
        {errors.authMethods && (
          <p class="field-error" id="field-authMethods-error" data-testid="error-authMethods">
            {errors.authMethods}
          </p>
        )}
      </fieldset>
      {unplaced.length > 0 && (
        <FormError>
          {unplaced.map(([path, message]) => (
            <span key={path} class="block">
              {path}: {message}
            </span>
          ))}
        </FormError>
      )}
      {formError !== null && <FormError>{errorText(formError)}</FormError>}
      <div class="buttons">
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel} data-testid="connector-cancel">
            Cancel
          </button>
        )}
        <button type="submit" class="primary" disabled={busy} data-testid="connector-save">
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

const TOP_FIELDS = new Set(['name', 'slug', 'description', 'domain', 'iconUrl', 'apiBaseUrl', 'authMethods']);
const VARIABLE_FIELDS = new Set(['name', 'label', 'example', 'pattern', 'description']);
const METHOD_FIELDS: Record<string, string[]> = {
  apiKey: ['label', 'in', 'name'],
  oauth2: ['label', 'authorizationUrl', 'tokenUrl', 'scopes', 'clientId', 'clientSecret', 'managedAppId'],
  custom: ['label', 'handler'],
};

/** Whether an error path has a field to stand beside; the others are listed above the buttons. */
function isPlaced(path: string, draft: ConnectorDraft): boolean {
  if (TOP_FIELDS.has(path)) return true;
  const [scope, index, field] = path.split('.');
  if (scope === 'variables')
    return field !== undefined && VARIABLE_FIELDS.has(field) && Number(index) < draft.variables.length;
  if (scope !== 'authMethods' || !field) return false;
  const method = draft.methods[Number(index)];
  if (!method) return false;
  if (field === 'clientId' || field === 'clientSecret') return method.app === 'own';
  if (field === 'managedAppId') return method.app === 'managed';
  return (METHOD_FIELDS[method.kind] ?? ['label']).includes(field);
}
