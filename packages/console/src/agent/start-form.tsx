import type { AdminConnection } from '@plugboard/shared';
import { useEffect, useState } from 'preact/hooks';
import { Field, FormError } from '../components/field.js';
import type { ConsoleServices } from '../services.js';
import { errorText, issuesOf } from '../state/errors.js';
import { megabytes, readSpecFile, SpecFileTooLarge } from './spec-file.js';
import type { AgentLimits, AgentRun, AgentRunStart } from './types.js';

/** The quick-start prompts: each fills the prompt and starts a run. */
export const QUICK_STARTS = [
  { slug: 'hubspot', prompt: 'HubSpot CRM' },
  { slug: 'slack', prompt: 'Slack' },
  { slug: 'stripe', prompt: 'Stripe' },
  { slug: 'github', prompt: 'GitHub' },
  { slug: 'shopify', prompt: 'Shopify' },
  { slug: 'xero', prompt: 'Xero' },
] as const;

/** The prompt, an optional spec (URL or file), quick starts and the connection to test with. */
export function StartForm({
  services,
  limits,
  onStarted,
}: {
  services: ConsoleServices;
  limits: AgentLimits;
  onStarted(run: AgentRun): void;
}) {
  const client = services.client;
  const [prompt, setPrompt] = useState('');
  const [specUrl, setSpecUrl] = useState('');
  const [specFile, setSpecFile] = useState<File | null>(null);
  const [connectionId, setConnectionId] = useState('');
  const [connections, setConnections] = useState<{
    status: 'loading' | 'ready' | 'failed';
    rows: AdminConnection[];
  }>({ status: 'loading', rows: [] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client.connections.list({ status: 'active' }).then(
      (page) => live && setConnections({ status: 'ready', rows: page.data }),
      () => live && setConnections({ status: 'failed', rows: [] }),
    );
    return () => {
      live = false;
    };
  }, [client]);

  async function start(text: string) {
    const problems: Record<string, string> = {};
    if (text.trim() === '' && !specUrl.trim() && !specFile)
      problems.prompt = 'Describe the API, or give a spec URL or file';
    if (specUrl.trim() && !/^https?:\/\/\S+$/.test(specUrl.trim()))
      problems.specUrl = 'Enter an http:// or https:// URL';
    if (specFile && specFile.size > limits.maxSpecBytes)
      problems.specFile = `The file is over ${megabytes(limits.maxSpecBytes)}`;
    let specText: string | undefined;
    if (specFile && !problems.specFile) {
      try {
        specText = await readSpecFile(specFile, limits.maxSpecBytes);
      } catch (error) {
        problems.specFile = error instanceof SpecFileTooLarge ? error.message : 'The file cannot be read';
      }
    }
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`field-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      // The server needs a prompt: with only a spec, the prompt names it.
      const described = text.trim() || (specFile ? `The API in ${specFile.name}` : specUrl.trim());
      const body: AgentRunStart = {
        prompt: described,
        ...(specUrl.trim() ? { specUrl: specUrl.trim() } : {}),
        ...(specText === undefined ? {} : { specText }),
        ...(connectionId ? { connectionId } : {}),
      };
      onStarted(await client.agent.start(body));
    } catch (error) {
      const fields = issuesOf(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <form
      class="panel form"
      aria-labelledby="start-title"
      onSubmit={(event) => {
        event.preventDefault();
        void start(prompt);
      }}
      data-testid="agent-start-form"
    >
      <h2 id="start-title">What should the connector connect to?</h2>
      <p class="note">
        Name an API, paste its docs or spec URL, or upload an OpenAPI file. The agent finds the spec, builds auth
        methods, actions and events, and pauses for your review before testing them.
      </p>
      <Field
        path="prompt"
        label="Describe the API"
        hint="For example: HubSpot CRM, https://developer.example.com/docs, or api.example.com"
        error={errors.prompt}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={prompt}
            onInput={(event) => setPrompt(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void start(prompt);
              }
            }}
            data-testid="agent-prompt"
          />
        )}
      </Field>
      <fieldset class="quick-starts">
        <legend class="muted">Quick start</legend>
        <div class="quick-buttons">
          {QUICK_STARTS.map((quick) => (
            <button
              key={quick.slug}
              type="button"
              class="secondary small"
              disabled={busy}
              onClick={() => {
                setPrompt(quick.prompt);
                void start(quick.prompt);
              }}
              data-testid={`agent-quick-${quick.slug}`}
            >
              {quick.prompt}
            </button>
          ))}
        </div>
      </fieldset>
      <details class="more-options">
        <summary>Spec and test connection (optional)</summary>
        <div class="form">
          <Field path="specUrl" label="OpenAPI spec URL" error={errors.specUrl}>
            {(control) => (
              <input
                {...control}
                type="url"
                value={specUrl}
                placeholder="https://api.example.com/openapi.json"
                onInput={(event) => setSpecUrl(event.currentTarget.value)}
                data-testid="agent-spec-url"
              />
            )}
          </Field>
          <Field
            path="specFile"
            label="Or upload a spec file"
            hint={`OpenAPI 3.x or Swagger 2.0, JSON or YAML (or gzipped), up to ${megabytes(limits.maxSpecBytes)}.`}
            error={errors.specFile}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".json,.yaml,.yml,.gz,application/json,application/yaml,text/yaml,application/gzip"
                onChange={(event) => setSpecFile(event.currentTarget.files?.[0] ?? null)}
                data-testid="agent-spec-file"
              />
            )}
          </Field>
          <Field
            path="connectionId"
            label="Test with a connection"
            hint={
              connections.status === 'failed'
                ? 'The connections could not be loaded: the agent tests without one.'
                : connections.status === 'ready' && connections.rows.length === 0
                  ? 'No active connections yet: the agent tests public endpoints only.'
                  : 'The agent runs safe GET actions with it after your review.'
            }
          >
            {(control) => (
              <select
                {...control}
                value={connectionId}
                onChange={(event) => setConnectionId(event.currentTarget.value)}
                data-testid="agent-connection"
              >
                <option value="">{connections.status === 'loading' ? 'Loading connections…' : 'No connection'}</option>
                {connections.rows.map((row) => (
                  <option key={row.id} value={row.id}>
                    {row.connectorSlug} · {row.label ?? row.id} ({row.tenantId})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </details>
      {failure !== null && <FormError>The run could not start. {errorText(failure)}</FormError>}
      <div class="buttons start">
        <button type="submit" class="primary" disabled={busy} data-testid="agent-start">
          {busy ? 'Starting…' : 'Build connector'}
        </button>
      </div>
    </form>
  );
}
