import { AUTH_KIND_LABELS, actionDefinitionSchema, eventDefinitionSchema } from '@plugboard/shared';
import { useCallback, useState } from 'preact/hooks';
import { FormError } from '../components/field.js';
import type { ConsoleClient } from '../console-client.js';
import { errorText } from '../state/errors.js';
import { ActionReviewList } from './action-review-list.js';
import { AuthMethodEditor, issueText, JsonEditor } from './review-editors.js';
import { issuesByItem } from './review-issues.js';
import { ACCEPT, type Choice, type Choices, itemId, ReviewItem, type ReviewKind } from './review-item.js';
import { offeredScopes, type ScopeOffer, ScopeUnion, scopeUnion } from './scope-union.js';
import type { AgentAuthMethod, AgentDraft, AgentLimits, AgentReview, AgentRun, Decision } from './types.js';

export type { ReviewKind } from './review-item.js';

const checked = (
  parsed: ReturnType<typeof actionDefinitionSchema.safeParse> | ReturnType<typeof eventDefinitionSchema.safeParse>,
) =>
  parsed.success
    ? ({ ok: true, value: parsed.data } as const)
    : ({ ok: false, error: issueText(parsed.error.issues) } as const);

/**
 * The draft the agent paused on: every auth method, action (grouped, searchable, a checkbox per group) and
 * event with Accept / Edit / Drop, then Continue, which sends one decision per item.
 */
export function ReviewPanel({
  run,
  limits,
  client,
  onContinue,
}: {
  run: AgentRun;
  limits: AgentLimits;
  client: ConsoleClient;
  onContinue(review: AgentReview): Promise<void>;
}) {
  const draft = run.draft;
  const [choices, setChoices] = useState<Choices>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [itemIssues, setItemIssues] = useState<Record<string, string>>({});
  const [scopeOffers, setScopeOffers] = useState<Record<string, ScopeOffer>>({});
  const choiceOf = (kind: ReviewKind, key: string) => choices[itemId(kind, key)] ?? ACCEPT;
  const isKept = useCallback((key: string) => choices[itemId('action', key)]?.verdict !== 'drop', [choices]);
  const keepActions = useCallback((keys: readonly string[], keep: boolean) => {
    setChoices((current) => {
      const next = { ...current };
      for (const key of keys) {
        const was = current[itemId('action', key)] ?? ACCEPT;
        if (!keep) next[itemId('action', key)] = { verdict: 'drop' };
        else if (was.verdict === 'drop') next[itemId('action', key)] = ACCEPT;
      }
      return next;
    });
  }, []);
  if (!draft) return null;
  const methods = draft.authMethods;
  const actions = draft.actions ?? [];
  const events = draft.events ?? [];
  const union = scopeUnion(actions, isKept);
  /** An OAuth 2.0 method asks for the scopes offered to it, on top of the member's edit of it if any. */
  const withScopes = (method: AgentAuthMethod, decision: Decision): Decision => {
    const scopes = method.kind === 'oauth2' ? offeredScopes(scopeOffers[method.key], union) : undefined;
    if (!scopes || decision.verdict === 'drop') return decision;
    const base = decision.verdict === 'edit' ? (decision.value as AgentAuthMethod) : method;
    return { key: method.key, verdict: 'edit', value: { ...base, scopes } as NonNullable<Decision['value']> };
  };
  const choose = (kind: ReviewKind, key: string, choice: Choice) => {
    setChoices((current) => ({ ...current, [itemId(kind, key)]: choice }));
    setEditing((open) => (open === itemId(kind, key) ? null : open));
  };

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
          ).map((decision, index) => withScopes(methods[index] as AgentAuthMethod, decision)),
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
      setItemIssues(issuesByItem(failure, { authMethods: methods, actions, events }));
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
    editor?: () => preact.ComponentChildren,
  ) => (
    <ReviewItem
      key={itemId(kind, key)}
      kind={kind}
      itemKey={key}
      title={title}
      detail={detail}
      choice={choiceOf(kind, key)}
      editing={editing === itemId(kind, key)}
      issue={itemIssues[itemId(kind, key)]}
      onChoose={(choice) => choose(kind, key, choice)}
      onEdit={() => setEditing(editing === itemId(kind, key) ? null : itemId(kind, key))}
    >
      {editor?.()}
    </ReviewItem>
  );
  const kept = (kind: ReviewKind, keys: string[]) =>
    keys.filter((key) => choiceOf(kind, key).verdict !== 'drop').length;
  // The action editor sits under the list: rows of a virtual list keep one height.
  const edited = editing?.startsWith('action-')
    ? actions.find((item) => itemId('action', item.key) === editing)
    : undefined;

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
        {methods
          .filter((method) => method.kind === 'oauth2' && choiceOf('auth-method', method.key).verdict !== 'drop')
          .map((method) => (
            <ScopeUnion
              key={method.key}
              method={method}
              union={union}
              offer={scopeOffers[method.key]}
              onChange={(offer) => setScopeOffers((current) => ({ ...current, [method.key]: offer }))}
            />
          ))}
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
        <ActionReviewList
          run={run}
          actions={actions}
          isKept={isKept}
          maxActions={limits.maxActions}
          onKeep={keepActions}
          renderRow={(item) => row('action', item.key, item.name, actionDetail(item))}
        />
        {edited && (
          <div class="review-editor" data-testid={`editor-action-${edited.key}`}>
            <JsonEditor
              kind="action"
              itemKey={edited.key}
              initial={edited}
              validate={(value) => checked(actionDefinitionSchema.safeParse(value))}
              onSave={(value) => choose('action', edited.key, { verdict: 'edit', value })}
              onCancel={() => setEditing(null)}
            />
          </div>
        )}
      </section>
      <section aria-labelledby="review-events" class="review-section">
        <h3 id="review-events">
          Events (
          {kept(
            'event',
            events.map((e) => e.key),
          )}{' '}
          of {events.length} kept; a connector holds at most {limits.maxEvents.toLocaleString('en')})
        </h3>
        {events.length === 0 ? (
          <p class="muted">The agent found no events.</p>
        ) : (
          <ul class="review-list">
            {events.map((item) =>
              row('event', item.key, item.name, eventDetail(item), () => (
                <JsonEditor
                  kind="event"
                  itemKey={item.key}
                  initial={item}
                  validate={(value) => checked(eventDefinitionSchema.safeParse(value))}
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

/** An event's key and delivery, with the inbound signature check proposed for it (edit the event to change it). */
function eventDetail(event: AgentDraft['events'][number]) {
  const signature = event.delivery.kind === 'webhook' ? event.delivery.signature : undefined;
  const signed = signature ? ` · signed: ${signature.header} (HMAC-SHA256)` : '';
  return `${event.key} · ${event.delivery.kind}${signed}`;
}

function actionDetail(action: AgentDraft['actions'][number]) {
  const scopes = action.scopes?.length ? ` · scopes: ${action.scopes.join(' ')}` : '';
  return `${action.method} ${action.path}${scopes}`;
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
