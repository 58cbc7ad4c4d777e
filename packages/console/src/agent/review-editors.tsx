import { type AuthMethod, authMethodInputSchema } from '@plugboard/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../components/field.js';
import { AuthMethodFields } from '../connector-form/auth-method-fields.js';
import { useOAuthApps } from '../connector-form/connector-form.js';
import { type FieldErrors, type MethodDraft, methodDraft, methodInput } from '../connector-form/draft.js';
import type { ConsoleClient } from '../console-client.js';
import type { AgentAuthMethod } from './types.js';

/** Turns a schema's issues into one line: `path: message; …`. */
export const issueText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');

/** Edits an auth method with the Create Connector form's own fields, checked with the API's schema. */
/** Save and Cancel under an item edited in place. */
function EditButtons({ testId, onSave, onCancel }: { testId: string; onSave: () => void; onCancel: () => void }) {
  return (
    <div class="buttons start">
      <button type="button" class="primary small" onClick={onSave} data-testid={testId}>
        Save edit
      </button>
      <button type="button" class="secondary small" onClick={onCancel}>
        Cancel edit
      </button>
    </div>
  );
}

export function AuthMethodEditor({
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
      <EditButtons testId={`save-auth-method-${method.key}`} onSave={save} onCancel={onCancel} />
    </div>
  );
}

/** Edits an action or event as JSON, checked with the API's schema; problems show under the editor. */
export function JsonEditor({
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
      <EditButtons testId={`save-${kind}-${itemKey}`} onSave={save} onCancel={onCancel} />
    </div>
  );
}
