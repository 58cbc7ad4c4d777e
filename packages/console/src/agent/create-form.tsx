import { slugify, type Visibility } from '@plugboard/shared';
import { useState } from 'preact/hooks';
import { Field, FormError } from '../components/field.js';
import { slugProblem } from '../connector-form/draft.js';
import type { ConsoleServices } from '../services.js';
import { errorText, issuesOf } from '../state/errors.js';
import { navigate } from '../state/router.js';
import type { AgentRun } from './types.js';

/** At `ready`: name, slug and visibility of the connector, then Create, which opens its settings page. */
export function CreateForm({ services, run }: { services: ConsoleServices; run: AgentRun }) {
  const draft = run.draft;
  const [name, setName] = useState(draft?.name ?? '');
  const [slug, setSlug] = useState(draft?.slug ?? slugify(draft?.name ?? ''));
  const [visibility, setVisibility] = useState<Visibility>(draft?.visibility ?? 'private');
  // A spec without a usable server: the connector could run nothing, so the base URL is asked for here.
  const needsBaseUrl = !draft?.apiBaseUrl && !draft?.domain;
  const [apiBaseUrl, setApiBaseUrl] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const counts = draft
    ? `${draft.authMethods.length} auth method(s), ${draft.actions?.length ?? 0} action(s) and ${draft.events?.length ?? 0} event(s)`
    : '';

  async function submit(event: Event) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (name.trim() === '') problems.name = 'Enter a name';
    const slugError = slugProblem(slug.trim(), []);
    if (slugError) problems.slug = slugError;
    if (needsBaseUrl && !/^https?:\/\/[^\s/]+/.test(apiBaseUrl.trim()))
      problems.apiBaseUrl = 'Enter the API base URL, e.g. https://api.example.com/v1';
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`field-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await services.client.agent.create(run.id, {
        name: name.trim(),
        ...(slug.trim() ? { slug: slug.trim() } : {}),
        visibility,
        ...(needsBaseUrl ? { apiBaseUrl: apiBaseUrl.trim() } : {}),
      });
      navigate(`/connectors/${encodeURIComponent(created.id)}`);
    } catch (error) {
      const fields = issuesOf(error);
      if ((error as { code?: string }).code === 'slug_taken') fields.slug ??= errorText(error);
      setErrors(fields);
      setFailure(Object.keys(fields).length > 0 ? null : error);
      setBusy(false);
    }
  }

  return (
    <form class="panel form" aria-labelledby="create-title" onSubmit={submit} data-testid="agent-create-form">
      <h2 id="create-title">Create the connector</h2>
      <p class="note">The draft is ready: {counts}. Create saves it as a normal connector.</p>
      <div class="row">
        <Field path="name" label="Name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              value={name}
              onInput={(event) => setName(event.currentTarget.value)}
              data-testid="agent-name"
            />
          )}
        </Field>
        <Field path="slug" label="Slug" error={errors.slug}>
          {(control) => (
            <input
              {...control}
              value={slug}
              onInput={(event) => setSlug(event.currentTarget.value.toLowerCase())}
              data-testid="agent-slug"
            />
          )}
        </Field>
        <Field path="visibility" label="Visibility">
          {(control) => (
            <select
              {...control}
              value={visibility}
              onChange={(event) => setVisibility(event.currentTarget.value === 'public' ? 'public' : 'private')}
              data-testid="agent-visibility"
            >
              <option value="private">Private</option>
              <option value="public">Public</option>
            </select>
          )}
        </Field>
      </div>
      {needsBaseUrl && (
        <Field
          path="apiBaseUrl"
          label="API base URL"
          hint="The spec names no usable server: where should actions be sent?"
          error={errors.apiBaseUrl}
        >
          {(control) => (
            <input
              {...control}
              type="url"
              placeholder="https://api.example.com/v1"
              value={apiBaseUrl}
              onInput={(event) => setApiBaseUrl(event.currentTarget.value)}
              data-testid="agent-api-base-url"
            />
          )}
        </Field>
      )}
      {failure !== null && <FormError>The connector could not be created. {errorText(failure)}</FormError>}
      <div class="buttons start">
        <button type="submit" class="primary" disabled={busy} data-testid="agent-create">
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
    </form>
  );
}
