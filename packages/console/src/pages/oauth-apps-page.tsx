import { type OAuthApp, oauthAppCreateSchema, oauthAppUpdateSchema } from '@plugboard/shared';
import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog, Dialog } from '../components/dialog.js';
import { Field, FormError } from '../components/field.js';
import { Link } from '../components/link.js';
import { Empty, Failed, Loading } from '../components/states.js';
import type { ConsoleClient } from '../console-client.js';
import type { ConsoleServices } from '../services.js';
import { errorText, issuesOf } from '../state/errors.js';

const splitScopes = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/** Add or edit one managed OAuth app. The secret is write-only: empty keeps the stored one. */
function OAuthAppForm({
  client,
  app,
  onSaved,
  onCancel,
}: {
  client: ConsoleClient;
  app: OAuthApp | null;
  onSaved: (app: OAuthApp) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState({
    provider: app?.provider ?? '',
    clientId: app?.clientId ?? '',
    clientSecret: '',
    defaultScopes: app?.defaultScopes.join(' ') ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const body = app
      ? {
          clientId: values.clientId.trim(),
          ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
          defaultScopes: splitScopes(values.defaultScopes),
        }
      : {
          provider: values.provider.trim(),
          clientId: values.clientId.trim(),
          clientSecret: values.clientSecret,
          defaultScopes: splitScopes(values.defaultScopes),
        };
    const parsed = (app ? oauthAppUpdateSchema : oauthAppCreateSchema).safeParse(body);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = String(issue.path[0] ?? 'form');
        found[path] ??= path === 'clientSecret' && !values.clientSecret ? 'Enter the client secret' : issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      onSaved(app ? await client.oauthApps.update(app.id, body) : await client.oauthApps.create(parsed.data as never));
    } catch (error) {
      const fields = Object.fromEntries(
        Object.entries(issuesOf(error)).map(([path, message]) => [path.split('.')[0] ?? path, message]),
      );
      if (Object.keys(fields).length) setErrors(fields);
      else setFormError(error);
      setBusy(false);
    }
  }

  const input = (
    name: keyof typeof values,
    label: string,
    options: { hint?: string; secret?: boolean; disabled?: boolean } = {},
  ) => (
    <Field path={`oauth-app-${name}`} label={label} hint={options.hint} error={errors[name]}>
      {(control) => (
        <input
          {...control}
          type={options.secret ? 'password' : 'text'}
          autocomplete={options.secret ? 'new-password' : 'off'}
          disabled={options.disabled}
          value={values[name]}
          onInput={(event) => setValues({ ...values, [name]: event.currentTarget.value })}
          data-testid={`oauth-app-${name}`}
        />
      )}
    </Field>
  );

  return (
    <form class="form" noValidate onSubmit={submit}>
      {input('provider', 'Provider', {
        hint: app ? 'The provider of an app cannot change.' : 'e.g. hubspot',
        disabled: app !== null,
      })}
      {input('clientId', 'Client ID')}
      {input('clientSecret', 'Client secret', {
        secret: true,
        hint: app ? 'Write-only. Leave empty to keep the stored secret.' : 'Write-only: stored encrypted, never shown.',
      })}
      {input('defaultScopes', 'Default scopes', { hint: 'Separated by spaces or commas.' })}
      {formError !== null && <FormError>{errorText(formError)}</FormError>}
      <div class="buttons">
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={busy} data-testid="oauth-app-save">
          {busy ? 'Saving…' : app ? 'Save changes' : 'Add OAuth app'}
        </button>
      </div>
    </form>
  );
}

/** Settings → OAuth Apps: the organization's managed OAuth apps and which connectors use each. */
export function OAuthAppsPage({ services }: { services: ConsoleServices }) {
  const { client } = services;
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'failed'; apps: OAuthApp[]; error?: unknown }>({
    status: 'loading',
    apps: [],
  });
  const [editing, setEditing] = useState<OAuthApp | 'new' | null>(null);
  const [removing, setRemoving] = useState<OAuthApp | null>(null);
  const [notice, setNotice] = useState('');

  async function load() {
    setState({ status: 'loading', apps: [] });
    try {
      setState({ status: 'ready', apps: (await client.oauthApps.list()).data });
    } catch (error) {
      setState({ status: 'failed', apps: [], error });
    }
  }

  useEffect(() => {
    void load();
  }, [client]);

  function saved(app: OAuthApp) {
    const exists = state.apps.some((candidate) => candidate.id === app.id);
    setState({
      ...state,
      apps: exists ? state.apps.map((candidate) => (candidate.id === app.id ? app : candidate)) : [...state.apps, app],
    });
    setNotice(`${app.provider} was ${exists ? 'saved' : 'added'}.`);
    setEditing(null);
  }

  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">OAuth Apps</h1>
        <button type="button" class="primary" onClick={() => setEditing('new')} data-testid="add-oauth-app">
          + Add OAuth app
        </button>
      </header>
      <p class="intro">
        Client credentials registered once at a provider. Any OAuth 2.0 connector of your organization can use one
        instead of its own client ID and secret.
      </p>
      <p class="visually-hidden" role="status">
        {notice}
      </p>
      {state.status === 'loading' && <Loading label="Loading OAuth apps…" />}
      {state.status === 'failed' && (
        <Failed title="OAuth apps could not be loaded." error={state.error} onRetry={load} />
      )}
      {state.status === 'ready' && state.apps.length === 0 && (
        <Empty>
          <p>No managed OAuth apps yet. Add one to share a provider's client across connectors.</p>
        </Empty>
      )}
      {state.status === 'ready' && state.apps.length > 0 && (
        <ul class="app-list" data-testid="oauth-apps">
          {state.apps.map((app) => (
            <li key={app.id} class="panel" data-testid="oauth-app" aria-labelledby={`app-${app.id}`}>
              <h2 id={`app-${app.id}`}>{app.provider}</h2>
              <dl class="facts">
                <dt>Client ID</dt>
                <dd>
                  <code>{app.clientId}</code>
                </dd>
                <dt>Client secret</dt>
                <dd>Stored, never shown</dd>
                <dt>Default scopes</dt>
                <dd>{app.defaultScopes.join(' ') || '—'}</dd>
                <dt>Used by</dt>
                <dd data-testid="used-by">
                  {app.usedBy.length === 0
                    ? 'No connector'
                    : app.usedBy.map((connector, index) => (
                        <span key={connector.id}>
                          {index > 0 && ', '}
                          <Link to={`/connectors/${encodeURIComponent(connector.id)}`}>{connector.name}</Link>
                        </span>
                      ))}
                </dd>
              </dl>
              <div class="buttons start">
                <button
                  type="button"
                  class="secondary small"
                  onClick={() => setEditing(app)}
                  aria-label={`Edit ${app.provider}`}
                  data-testid="edit-oauth-app"
                >
                  Edit
                </button>
                <button
                  type="button"
                  class="danger small"
                  onClick={() => setRemoving(app)}
                  aria-label={`Remove ${app.provider}`}
                  data-testid="remove-oauth-app"
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <Dialog
          title={editing === 'new' ? 'Add OAuth app' : `Edit ${editing.provider}`}
          onClose={() => setEditing(null)}
          testId="oauth-app-dialog"
        >
          <OAuthAppForm
            client={client}
            app={editing === 'new' ? null : editing}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        </Dialog>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.provider}`}
          message={
            <p>
              {removing.usedBy.length > 0
                ? `${removing.usedBy.map((connector) => connector.name).join(', ')} use this app. Switch them to another app first, or the removal will be refused.`
                : `Remove the ${removing.provider} app? Its client secret is deleted.`}
            </p>
          }
          confirmLabel="Remove app"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await client.oauthApps.delete(removing.id);
            setState({ ...state, apps: state.apps.filter((app) => app.id !== removing.id) });
            setNotice(`${removing.provider} was removed.`);
            setRemoving(null);
          }}
        />
      )}
    </section>
  );
}
