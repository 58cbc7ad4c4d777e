import {
  AUTH_KIND_LABELS,
  type AuthMethod,
  actionDefinitionSchema,
  authMethodInputSchema,
  eventDefinitionSchema,
} from '@plugboard/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, FormError } from '../components/field.js';
import { AuthMethodFields } from '../connector-form/auth-method-fields.js';
import { useOAuthApps } from '../connector-form/connector-form.js';
import { type FieldErrors, type MethodDraft, methodDraft, methodInput } from '../connector-form/draft.js';
import type { ConsoleClient } from '../console-client.js';
import { errorText, issuesOf } from '../state/errors.js';
import type { AgentAuthMethod, AgentReview, AgentRun, Decision, Verdict } from './types.js';

/** What a review item is: the `<kind>` of its test ids. */
export type ReviewKind = 'auth-method' | 'action' | 'event';

interface Choice {
  verdict: Verdict;
  value?: unknown;
}
type Choices = Record<string, Choice>;

const id = (kind: ReviewKind, key: string) => `${kind}-${key}`;
const ACCEPT: Choice = { verdict: 'accept' };

/** Turns a schema's issues into one line: `path: message; …`. */
const issueText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');

/**
 * The draft the agent paused on: every auth method, action (grouped by tag) and event with Accept / Edit / Drop,
 * then Continue, which sends one decision per item.
 */
export function ReviewPanel({
  run,
  client,
  onContinue,
}: {
  run: AgentRun;
  client: ConsoleClient;
  onContinue(review: AgentReview): Promise<void>;
}) {
  const draft = run.draft;
  const [choices, setChoices] = useState<Choices>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [itemIssues, setItemIssues] = useState<Record<string, string>>({});
  if (!draft) return null;
  const methods = draft.authMethods;
  const actions = draft.actions ?? [];
  const events = draft.events ?? [];
  const choiceOf = (kind: ReviewKind, key: string) => choices[id(kind, key)] ?? ACCEPT;
  const choose = (kind: ReviewKind, key: string, choice: Choice) => {
    setChoices((current) => ({ ...current, [id(kind, key)]: choice }));
    setEditing((open) => (open === id(kind, key) ? null : open));
  };

  // Groups as the agent made them; actions in none land in "Other".
  const grouped = new Set<string>();
  const groups = run.groups
    .map((group) => {
      const keys = group.actionKeys.filter((key) => actions.some((item) => item.key === key) && !grouped.has(key));
      for (const key of keys) grouped.add(key);
      return { tag: group.tag, keys };
    })
    .filter((group) => group.keys.length > 0);
  const rest = actions.filter((item) => !grouped.has(item.key)).map((item) => item.key);
  if (rest.length > 0) groups.push({ tag: groups.length > 0 ? 'Other' : 'All actions', keys: rest });
  // Test ids name a group by its tag, lowercased with anything but letters, digits, dots, dashes and underscores as dashes.
  const groupId = (tag: string) =>
    tag === 'All actions' && groups.length === 1 && rest.length > 0
      ? 'all'
      : tag
          .toLowerCase()
          .replace(/[^a-z0-9_.-]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'other';

  function setGroup(keys: string[], keep: boolean) {
    setChoices((current) => {
      const next = { ...current };
      for (const key of keys) {
        const was = current[id('action', key)] ?? ACCEPT;
        if (!keep) next[id('action', key)] = { verdict: 'drop' };
        else if (was.verdict === 'drop') next[id('action', key)] = ACCEPT;
      }
      return next;
    });
  }

  async function submit(event: Event) {
    event.preventDefault();
    const decide = (kind: ReviewKind, keys: string[]): Decision[] =>
      keys.map((key): Decision => {
        const choice = choiceOf(kind, key);
        return choice.verdict === 'edit'
          ? { key, verdict: 'edit', value: choice.value as NonNullable<Decision['value']> }
          : { key, verdict: choice.verdict };
      });
    setBusy(true);
    setError(null);
    setItemIssues({});
    try {
      await onContinue({
        decisions: {
          authMethods: decide(
            'auth-method',
            methods.map((method) => method.key),
          ),
          actions: decide(
            'action',
            actions.map((item) => item.key),
          ),
          events: decide(
            'event',
            events.map((item) => item.key),
          ),
        },
      });
    } catch (failure) {
      // The server's issues name a decision (`decisions.actions.2.value.path`): shown on its item; the rest above Continue.
      const found: Record<string, string> = {};
      const lists = { authMethods: methods, actions, events } as const;
      const kinds = { authMethods: 'auth-method', actions: 'action', events: 'event' } as const;
      for (const [path, message] of Object.entries(issuesOf(failure))) {
        const match = /^decisions\.(authMethods|actions|events)\.(\d+)(?:\.value)?\.?(.*)$/.exec(path);
        const list = match ? lists[match[1] as keyof typeof lists] : undefined;
        const item = match && list ? list[Number(match[2])] : undefined;
        if (match && item) {
          const where = id(kinds[match[1] as keyof typeof kinds], item.key);
          found[where] = found[where] ? `${found[where]}; ` : '';
          found[where] += match[3] ? `${match[3]}: ${message}` : message;
        }
      }
      setItemIssues(found);
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const row = (
    kind: ReviewKind,
    key: string,
    title: string,
    detail: string,
    editor: () => preact.ComponentChildren,
  ) => (
    <ReviewItem
      key={id(kind, key)}
      kind={kind}
      itemKey={key}
      title={title}
      detail={detail}
      choice={choiceOf(kind, key)}
      editing={editing === id(kind, key)}
      issue={itemIssues[id(kind, key)]}
      onChoose={(choice) => choose(kind, key, choice)}
      onEdit={() => setEditing(editing === id(kind, key) ? null : id(kind, key))}
    >
      {editor()}
    </ReviewItem>
  );

  const kept = (kind: ReviewKind, keys: string[]) =>
    keys.filter((key) => choiceOf(kind, key).verdict !== 'drop').length;

  return (
    <form class="panel review" aria-labelledby="review-title" data-testid="agent-review" onSubmit={submit}>
      <h2 id="review-title">Review the draft</h2>
      <p class="note">Accept, edit or drop each part of the connector, then Continue: the agent tests what you keep.</p>
      <section aria-labelledby="review-auth" class="review-section">
        <h3 id="review-auth">
          Auth methods (
          {kept(
            'auth-method',
            methods.map((m) => m.key),
          )}{' '}
          of {methods.length} kept)
        </h3>
        {methods.length === 0 ? (
          <p class="muted">The agent found no auth method: connections will need none.</p>
        ) : (
          <ul class="review-list">
            {methods.map((method, index) =>
              row('auth-method', method.key, methodTitle(method), methodDetail(method), () => (
                <AuthMethodEditor
                  client={client}
                  method={method}
                  index={index}
                  onSave={(value) => choose('auth-method', method.key, { verdict: 'edit', value })}
                  onCancel={() => setEditing(null)}
                  onDrop={() => choose('auth-method', method.key, { verdict: 'drop' })}
                />
              )),
            )}
          </ul>
        )}
      </section>
      <section aria-labelledby="review-actions" class="review-section">
        <h3 id="review-actions">
          Actions (
          {kept(
            'action',
            actions.map((a) => a.key),
          )}{' '}
          of {actions.length} kept)
        </h3>
        {actions.length === 0 && <p class="muted">The agent built no actions.</p>}
        {groups.map((group) => (
          <fieldset key={group.tag} class="review-group" data-testid={`group-${groupId(group.tag)}`}>
            <legend>
              <GroupCheckbox
                id={groupId(group.tag)}
                tag={group.tag}
                kept={kept('action', group.keys)}
                total={group.keys.length}
                onChange={(keep) => setGroup(group.keys, keep)}
              />
            </legend>
            <ul class="review-list">
              {group.keys.map((key) => {
                const item = actions.find((candidate) => candidate.key === key);
                if (!item) return null;
                return row('action', key, item.name, `${item.method} ${item.path}`, () => (
                  <JsonEditor
                    kind="action"
                    itemKey={key}
                    initial={item}
                    validate={(value) => {
                      const parsed = actionDefinitionSchema.safeParse(value);
                      return parsed.success
                        ? { ok: true, value: parsed.data }
                        : { ok: false, error: issueText(parsed.error.issues) };
                    }}
                    onSave={(value) => choose('action', key, { verdict: 'edit', value })}
                    onCancel={() => setEditing(null)}
                  />
                ));
              })}
            </ul>
          </fieldset>
        ))}
      </section>
      <section aria-labelledby="review-events" class="review-section">
        <h3 id="review-events">
          Events (
          {kept(
            'event',
            events.map((e) => e.key),
          )}{' '}
          of {events.length} kept)
        </h3>
        {events.length === 0 ? (
          <p class="muted">The agent found no events.</p>
        ) : (
          <ul class="review-list">
            {events.map((item) =>
              row('event', item.key, item.name, `${item.key} · ${item.delivery.kind}`, () => (
                <JsonEditor
                  kind="event"
                  itemKey={item.key}
                  initial={item}
                  validate={(value) => {
                    const parsed = eventDefinitionSchema.safeParse(value);
                    return parsed.success
                      ? { ok: true, value: parsed.data }
                      : { ok: false, error: issueText(parsed.error.issues) };
                  }}
                  onSave={(value) => choose('event', item.key, { verdict: 'edit', value })}
                  onCancel={() => setEditing(null)}
                />
              )),
            )}
          </ul>
        )}
      </section>
      {error !== null && <FormError>{errorText(error)}</FormError>}
      <div class="buttons start">
        <button type="submit" class="primary" disabled={busy || editing !== null} data-testid="agent-continue">
          {busy ? 'Continuing…' : 'Continue'}
        </button>
        {editing !== null && <p class="note">Save or cancel the open edit first.</p>}
      </div>
    </form>
  );
}

function methodTitle(method: AgentAuthMethod) {
  return method.label ? `${method.label} (${AUTH_KIND_LABELS[method.kind]})` : AUTH_KIND_LABELS[method.kind];
}

function methodDetail(method: AgentAuthMethod): string {
  switch (method.kind) {
    case 'apiKey':
      return `${method.in === 'query' ? 'Query parameter' : 'Header'} ${method.name}`;
    case 'oauth2':
      return `${method.authorizationUrl} · scopes: ${(method.scopes ?? []).join(' ') || 'none'}`;
    case 'custom':
      return `Handler ${method.handler}`;
    default:
      return method.isDefault ? 'Default' : '';
  }
}

function ReviewItem({
  kind,
  itemKey,
  title,
  detail,
  choice,
  editing,
  issue,
  onChoose,
  onEdit,
  children,
}: {
  issue?: string | undefined;
  kind: ReviewKind;
  itemKey: string;
  title: string;
  detail: string;
  choice: Choice;
  editing: boolean;
  onChoose(choice: Choice): void;
  onEdit(): void;
  children: preact.ComponentChildren;
}) {
  const testId = id(kind, itemKey);
  const state = choice.verdict === 'drop' ? 'Dropped' : choice.verdict === 'edit' ? 'Edited' : 'Accepted';
  return (
    <li class={`review-item verdict-${choice.verdict}`} data-testid={`review-${testId}`}>
      <div class="review-line">
        <div class="review-text">
          <strong>{title}</strong> <code>{itemKey}</code>
          {detail && <span class="muted review-detail">{detail}</span>}
        </div>
        <span class={`pill ${choice.verdict === 'drop' ? 'failed' : 'passed'}`} data-testid={`verdict-${testId}`}>
          {state}
        </span>
        <fieldset class="verdicts">
          <legend class="visually-hidden">Decision for {title}</legend>
          <button
            type="button"
            class="secondary small"
            aria-pressed={choice.verdict === 'accept'}
            aria-label={`Accept ${title}`}
            onClick={() => onChoose(ACCEPT)}
            data-testid={`accept-${testId}`}
          >
            Accept
          </button>
          <button
            type="button"
            class="secondary small"
            aria-expanded={editing}
            aria-label={`Edit ${title}`}
            onClick={onEdit}
            data-testid={`edit-${testId}`}
          >
            Edit
          </button>
          <button
            type="button"
            class="secondary small"
            aria-pressed={choice.verdict === 'drop'}
            aria-label={`Drop ${title}`}
            onClick={() => onChoose({ verdict: 'drop' })}
            data-testid={`drop-${testId}`}
          >
            Drop
          </button>
        </fieldset>
      </div>
      {issue && (
        <p class="field-error" data-testid={`issue-${testId}`}>
          {issue}
        </p>
      )}
      {editing && <div class="review-editor">{children}</div>}
    </li>
  );
}

function GroupCheckbox({
  id: groupId,
  tag,
  kept,
  total,
  onChange,
}: {
  id: string;
  tag: string;
  kept: number;
  total: number;
  onChange(keep: boolean): void;
}) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = kept > 0 && kept < total;
  }, [kept, total]);
  return (
    <label class="inline">
      <input
        ref={box}
        type="checkbox"
        checked={kept === total}
        onChange={() => onChange(kept < total)}
        data-testid={`group-toggle-${groupId}`}
      />
      {tag}{' '}
      <span class="muted">
        ({kept} of {total} kept)
      </span>
    </label>
  );
}

/** Edits an auth method with the Create Connector form's own fields, checked with the API's schema. */
function AuthMethodEditor({
  client,
  method,
  index,
  onSave,
  onCancel,
  onDrop,
}: {
  client: ConsoleClient;
  method: AgentAuthMethod;
  index: number;
  onSave(value: AgentAuthMethod): void;
  onCancel(): void;
  onDrop(): void;
}) {
  const [draft, setDraft] = useState<MethodDraft>(() => {
    const { key: _key, ...input } = method;
    const stored = {
      ...input,
      id: method.key,
      isDefault: input.isDefault ?? false,
      ...(input.kind === 'oauth2' ? { scopes: input.scopes ?? [], hasClientSecret: false } : {}),
    } as AuthMethod;
    return methodDraft(stored);
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const oauthApps = useOAuthApps(client, draft.kind === 'oauth2');

  function save() {
    // Default or not stays as the draft has it: the other methods are not in this editor.
    const input = { ...methodInput(draft, 0, [draft]), isDefault: draft.isDefault };
    const parsed = authMethodInputSchema.safeParse(input);
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues)
        found[`authMethods.${index}.${issue.path.map(String).join('.')}`] ??= issue.message;
      setErrors(found);
      return;
    }
    onSave({ ...(input as AgentAuthMethod), key: method.key });
  }

  return (
    <div class="form" data-testid={`editor-auth-method-${method.key}`}>
      <AuthMethodFields
        method={draft}
        index={index}
        count={1}
        errors={errors}
        oauthApps={oauthApps}
        onChange={(patch) => {
          setDraft({ ...draft, ...patch });
          setErrors({});
        }}
        onMakeDefault={() => setDraft({ ...draft, isDefault: true })}
        onRemove={onDrop}
      />
      {Object.keys(errors).length > 0 && (
        <p class="field-error" role="alert" data-testid={`error-review-auth-method-${method.key}`}>
          {Object.entries(errors)
            .map(([path, message]) => `${path.replace(`authMethods.${index}.`, '')}: ${message}`)
            .join('; ')}
        </p>
      )}
      <div class="buttons start">
        <button type="button" class="primary small" onClick={save} data-testid={`save-auth-method-${method.key}`}>
          Save edit
        </button>
        <button type="button" class="secondary small" onClick={onCancel}>
          Cancel edit
        </button>
      </div>
    </div>
  );
}

/** Edits an action or event as JSON, checked with the API's schema; problems show under the editor. */
function JsonEditor({
  kind,
  itemKey,
  initial,
  validate,
  onSave,
  onCancel,
}: {
  kind: 'action' | 'event';
  itemKey: string;
  initial: unknown;
  validate(value: unknown): { ok: true; value: unknown } | { ok: false; error: string };
  onSave(value: unknown): void;
  onCancel(): void;
}) {
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const [error, setError] = useState<string | undefined>();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  function save() {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (failure) {
      setError(`Not valid JSON: ${(failure as Error).message}`);
      area.current?.focus();
      return;
    }
    const checked = validate(value);
    if (!checked.ok) {
      setError(checked.error);
      area.current?.focus();
      return;
    }
    onSave(checked.value);
  }

  const path = `review-${kind}-${itemKey}`;
  return (
    <div class="form">
      <Field path={path} label={`${kind === 'action' ? 'Action' : 'Event'} ${itemKey} as JSON`} error={error}>
        {(control) => (
          <textarea
            {...control}
            ref={area}
            class="code-input"
            rows={12}
            spellcheck={false}
            value={text}
            onInput={(event) => {
              setText(event.currentTarget.value);
              setError(undefined);
            }}
            data-testid={`json-${path}`}
          />
        )}
      </Field>
      <div class="buttons start">
        <button type="button" class="primary small" onClick={save} data-testid={`save-${kind}-${itemKey}`}>
          Save edit
        </button>
        <button type="button" class="secondary small" onClick={onCancel}>
          Cancel edit
        </button>
      </div>
    </div>
  );
}
