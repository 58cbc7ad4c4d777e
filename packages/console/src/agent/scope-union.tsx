import { Field } from '../components/field.js';
import type { AgentAuthMethod, AgentDraft } from './types.js';

/** The member's answer to the scope offer of one OAuth 2.0 method: take it or not, and the scopes as edited. */
export interface ScopeOffer {
  use: boolean;
  /** The scopes as the member typed them; until then, the union of the kept actions'. */
  text?: string;
}

/** The scopes the kept actions need, each once, in the order the actions list them. */
export function scopeUnion(actions: AgentDraft['actions'], isKept: (key: string) => boolean): string[] {
  return [...new Set(actions.filter((action) => isKept(action.key)).flatMap((action) => action.scopes ?? []))];
}

/** The scopes an offer asks for, or undefined when the method keeps its own. */
export function offeredScopes(offer: ScopeOffer | undefined, union: readonly string[]): string[] | undefined {
  if (offer?.use === false || union.length === 0) return undefined;
  return offer?.text === undefined ? [...union] : offer.text.split(/[\s,]+/).filter(Boolean);
}

/**
 * The union of the per-operation scopes of the actions kept, offered for an OAuth 2.0 method in place of every
 * scope the spec declares (a connection then asks for what its actions use): taken by default, the list editable.
 */
export function ScopeUnion({
  method,
  union,
  offer,
  onChange,
}: {
  method: AgentAuthMethod;
  union: readonly string[];
  offer: ScopeOffer | undefined;
  onChange(offer: ScopeOffer): void;
}) {
  if (union.length === 0) return null;
  const use = offer?.use !== false;
  const text = offer?.text ?? union.join(' ');
  const declared = method.kind === 'oauth2' ? (method.scopes?.length ?? 0) : 0;
  return (
    <div class="form scope-union" data-testid={`scope-union-${method.key}`}>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={use}
          data-testid={`scope-union-use-${method.key}`}
          onChange={(event) => onChange({ ...offer, use: (event.target as HTMLInputElement).checked })}
        />{' '}
        Ask for the {union.length} scopes the kept actions need, instead of the {declared} the method declares
      </label>
      {use && (
        <Field path={`scope-union.${method.key}`} label="Scopes to ask for" hint="Separated by spaces">
          {(control) => (
            <input
              {...control}
              value={text}
              data-testid={`scope-union-scopes-${method.key}`}
              onInput={(event) => onChange({ use, text: (event.target as HTMLInputElement).value })}
            />
          )}
        </Field>
      )}
    </div>
  );
}
