import { AUTH_KIND_LABELS, type OAuthApp } from '@plugboard/shared';
import { Field } from '../components/field.js';
import type { FieldErrors, MethodDraft } from './draft.js';

interface Props {
  method: MethodDraft;
  index: number;
  count: number;
  errors: FieldErrors;
  oauthApps: { status: 'idle' | 'loading' | 'ready' | 'failed'; apps: OAuthApp[] };
  onChange(patch: Partial<MethodDraft>): void;
  onMakeDefault(): void;
  onRemove(): void;
}

const value = (event: Event) => (event.currentTarget as HTMLInputElement).value;

/** One auth method of the connector form: its default radio, label, the kind's own settings and a remove button. */
export function AuthMethodFields({
  method,
  index,
  count,
  errors,
  oauthApps,
  onChange,
  onMakeDefault,
  onRemove,
}: Props) {
  const path = (name: string) => `authMethods.${index}.${name}`;
  const kindLabel = AUTH_KIND_LABELS[method.kind];
  const number = index + 1;
  return (
    <fieldset class="method" data-testid={`auth-method-${index}`}>
      <legend>
        {number}. {kindLabel}
      </legend>
      <div class="method-head">
        <label class="inline">
          <input
            type="radio"
            name="default-method"
            checked={method.isDefault}
            onChange={onMakeDefault}
            data-testid={`default-method-${index}`}
            aria-label={`Default: ${kindLabel} (method ${number})`}
          />
          Default
        </label>
        <button
          type="button"
          class="secondary small"
          onClick={onRemove}
          data-testid={`remove-method-${index}`}
          aria-label={`Remove ${kindLabel} (method ${number} of ${count})`}
        >
          Remove
        </button>
      </div>
      <Field path={path('label')} label="Label shown to users (optional)" error={errors[path('label')]}>
        {(control) => (
          <input
            {...control}
            value={method.label}
            placeholder={kindLabel}
            onInput={(event) => onChange({ label: value(event) })}
            data-testid={`method-${index}-label`}
          />
        )}
      </Field>
      {method.kind === 'apiKey' && <ApiKeyFields {...{ method, index, errors, onChange, path }} />}
      {method.kind === 'oauth2' && <OAuthFields {...{ method, index, errors, onChange, path, oauthApps }} />}
      {method.kind === 'custom' && (
        <Field
          path={path('handler')}
          label="Handler name"
          hint="A custom auth handler registered in the server's configuration."
          error={errors[path('handler')]}
        >
          {(control) => (
            <input
              {...control}
              value={method.handler}
              onInput={(event) => onChange({ handler: value(event) })}
              data-testid={`method-${index}-handler`}
            />
          )}
        </Field>
      )}
      {(method.kind === 'none' || method.kind === 'basic' || method.kind === 'bearer') && (
        <p class="hint">
          {method.kind === 'none'
            ? 'Connections need no credentials.'
            : method.kind === 'basic'
              ? 'Users type a username and password.'
              : 'Users paste a token, sent as Authorization: Bearer.'}
        </p>
      )}
    </fieldset>
  );
}

type Part = Pick<Props, 'method' | 'index' | 'errors' | 'onChange'> & { path: (name: string) => string };

function ApiKeyFields({ method, index, errors, onChange, path }: Part) {
  return (
    <div class="row">
      <Field path={path('in')} label="Sent in" error={errors[path('in')]}>
        {(control) => (
          <select
            {...control}
            value={method.in}
            onChange={(event) => onChange({ in: value(event) === 'query' ? 'query' : 'header' })}
            data-testid={`method-${index}-in`}
          >
            <option value="header">Header</option>
            <option value="query">Query parameter</option>
          </select>
        )}
      </Field>
      <Field
        path={path('name')}
        label={method.in === 'query' ? 'Parameter name' : 'Header name'}
        error={errors[path('name')]}
      >
        {(control) => (
          <input
            {...control}
            value={method.name}
            onInput={(event) => onChange({ name: value(event) })}
            data-testid={`method-${index}-name`}
          />
        )}
      </Field>
    </div>
  );
}

function OAuthFields({ method, index, errors, onChange, path, oauthApps }: Part & Pick<Props, 'oauthApps'>) {
  const text = (name: 'authorizationUrl' | 'tokenUrl' | 'scopes', label: string, hint?: string) => (
    <Field path={path(name)} label={label} hint={hint} error={errors[path(name)]}>
      {(control) => (
        <input
          {...control}
          type={name === 'scopes' ? 'text' : 'url'}
          value={method[name]}
          onInput={(event) => onChange({ [name]: value(event) })}
          data-testid={`method-${index}-${name}`}
        />
      )}
    </Field>
  );
  return (
    <>
      {text('authorizationUrl', 'Authorization URL')}
      {text('tokenUrl', 'Token URL')}
      {text('scopes', 'Scopes', 'Separated by spaces or commas.')}
      <fieldset class="choice">
        <legend>OAuth app</legend>
        <label class="inline">
          <input
            type="radio"
            name={`oauth-app-${method.key}`}
            checked={method.app === 'own'}
            onChange={() => onChange({ app: 'own' })}
            data-testid={`method-${index}-own-app`}
          />
          Client ID and secret of its own
        </label>
        <label class="inline">
          <input
            type="radio"
            name={`oauth-app-${method.key}`}
            checked={method.app === 'managed'}
            onChange={() => onChange({ app: 'managed' })}
            data-testid={`method-${index}-managed-app`}
          />
          A managed OAuth app
        </label>
      </fieldset>
      {method.app === 'own' ? (
        <div class="row">
          <Field path={path('clientId')} label="Client ID" error={errors[path('clientId')]}>
            {(control) => (
              <input
                {...control}
                value={method.clientId}
                onInput={(event) => onChange({ clientId: value(event) })}
                data-testid={`method-${index}-clientId`}
              />
            )}
          </Field>
          <Field
            path={path('clientSecret')}
            label="Client secret"
            hint={method.hasClientSecret ? 'Stored. Leave empty to keep it.' : 'Write-only: never shown again.'}
            error={errors[path('clientSecret')]}
          >
            {(control) => (
              <input
                {...control}
                type="password"
                autocomplete="new-password"
                value={method.clientSecret}
                onInput={(event) => onChange({ clientSecret: value(event) })}
                data-testid={`method-${index}-clientSecret`}
              />
            )}
          </Field>
        </div>
      ) : (
        <Field
          path={path('managedAppId')}
          label="Managed OAuth app"
          hint={
            oauthApps.status === 'ready' && oauthApps.apps.length === 0
              ? 'No managed OAuth apps yet: add one under Settings → OAuth Apps.'
              : oauthApps.status === 'failed'
                ? 'The managed OAuth apps could not be loaded.'
                : undefined
          }
          error={errors[path('managedAppId')]}
        >
          {(control) => (
            <select
              {...control}
              value={method.managedAppId}
              onChange={(event) => onChange({ managedAppId: value(event) })}
              data-testid={`method-${index}-managedAppId`}
            >
              <option value="">{oauthApps.status === 'loading' ? 'Loading…' : 'Choose an app'}</option>
              {oauthApps.apps.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.provider} ({app.clientId})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}
