import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, FormError } from '../components/field.js';
import type { ConsoleClient } from '../console-client.js';
import { type CreatedWebhookEndpoint, LIFECYCLE_EVENTS } from '../contract.js';
import { codeOf, errorText, issuesOf } from '../state/errors.js';

const splitList = (value: string) =>
  value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The URL must be http(s); the server checks it again, with its egress policy. */
function urlProblem(value: string): string | undefined {
  if (!value.trim()) return 'Enter the URL deliveries are sent to';
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'Must be an http(s) URL';
  } catch {
    return 'Enter a full URL, e.g. https://example.com/webhooks/plugboard';
  }
}

/** Add a webhook endpoint: its URL, a description, and which event types it receives (all when none is chosen). */
export function EndpointForm({
  client,
  onCreated,
  onCancel,
}: {
  client: ConsoleClient;
  onCreated: (endpoint: CreatedWebhookEndpoint) => void;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const problem = urlProblem(url);
    if (problem) {
      setErrors({ url: problem });
      document.getElementById('field-endpoint-url')?.focus();
      return;
    }
    const events = [...new Set([...chosen, ...splitList(other)])];
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      onCreated(
        await client.webhookEndpoints.create({
          url: url.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
          ...(events.length ? { events } : {}),
        }),
      );
    } catch (error) {
      const fields = Object.fromEntries(
        Object.entries(issuesOf(error)).map(([path, message]) => [path.split('.')[0] ?? path, message]),
      );
      // The egress policy judges the URL: its refusal belongs on the URL field.
      if (codeOf(error) === 'egress_blocked') fields.url = errorText(error);
      if (Object.keys(fields).length) setErrors(fields);
      else setFormError(error);
      setBusy(false);
    }
  }

  const toggle = (type: string, on: boolean) =>
    setChosen((current) => (on ? [...current, type] : current.filter((item) => item !== type)));

  return (
    <form class="form" noValidate onSubmit={submit}>
      <Field path="endpoint-url" label="URL" hint="Where Plugboard POSTs signed events." error={errors.url}>
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            autocomplete="off"
            value={url}
            onInput={(event) => setUrl(event.currentTarget.value)}
            data-testid="endpoint-url"
          />
        )}
      </Field>
      <Field path="endpoint-description" label="Description" error={errors.description}>
        {(control) => (
          <input
            {...control}
            type="text"
            autocomplete="off"
            value={description}
            onInput={(event) => setDescription(event.currentTarget.value)}
            data-testid="endpoint-description"
          />
        )}
      </Field>
      <fieldset class="choice" data-testid="endpoint-events">
        <legend>Events</legend>
        <p class="hint" id="endpoint-events-hint">
          Choose none to receive every event.
        </p>
        {LIFECYCLE_EVENTS.map((type) => (
          <label key={type} class="inline">
            <input
              type="checkbox"
              checked={chosen.includes(type)}
              onChange={(event) => toggle(type, event.currentTarget.checked)}
              data-testid={`endpoint-event-${type}`}
            />
            <code>{type}</code>
          </label>
        ))}
        <Field
          path="endpoint-other-events"
          label="Other event types"
          hint="Separated by commas, e.g. hubspot.contact.created"
          error={errors.events}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              autocomplete="off"
              value={other}
              onInput={(event) => setOther(event.currentTarget.value)}
              data-testid="endpoint-other-events"
            />
          )}
        </Field>
      </fieldset>
      {formError !== null && <FormError>{errorText(formError)}</FormError>}
      <div class="buttons">
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={busy} data-testid="endpoint-save">
          {busy ? 'Adding…' : 'Add endpoint'}
        </button>
      </div>
    </form>
  );
}

/** The signing secret, shown this once, with Copy and a warning. */
export function SigningSecret({ endpoint, onDone }: { endpoint: CreatedWebhookEndpoint; onDone: () => void }) {
  const [copied, setCopied] = useState('');
  const field = useRef<HTMLInputElement>(null);
  // The form that had focus is gone: focus lands on the secret, which reads it out and selects it for copying.
  useEffect(() => field.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(endpoint.signingSecret);
      setCopied('Copied.');
    } catch {
      setCopied('Copy failed: select the secret and copy it yourself.');
    }
  }
  return (
    <div class="form" data-testid="signing-secret-panel">
      <p class="warning" role="alert">
        Copy the signing secret now: it is shown only once. Verify every delivery's <code>Plugboard-Signature</code>{' '}
        with it.
      </p>
      <div class="field">
        <label for="signing-secret">Signing secret</label>
        <div class="copy-row">
          <input
            id="signing-secret"
            type="text"
            readOnly
            ref={field}
            value={endpoint.signingSecret}
            onFocus={(event) => event.currentTarget.select()}
            data-testid="signing-secret"
          />
          <button type="button" class="secondary" onClick={copy} data-testid="copy-secret">
            Copy
          </button>
        </div>
        <p class="hint" role="status">
          {copied}
        </p>
      </div>
      <div class="buttons">
        <button type="button" class="primary" onClick={onDone} data-testid="secret-done">
          I have copied it
        </button>
      </div>
    </div>
  );
}
