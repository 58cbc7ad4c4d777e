import { useEffect, useRef } from 'preact/hooks';
import type { Verdict } from './types.js';

/** What a review item is: the `<kind>` of its test ids. */
export type ReviewKind = 'auth-method' | 'action' | 'event';

/** The member's decision on one item so far. */
export interface Choice {
  verdict: Verdict;
  value?: unknown;
}

/** Decisions by item id (`<kind>-<key>`). */
export type Choices = Record<string, Choice>;

/** An item's id in choices and test ids: `<kind>-<key>`. */
export const itemId = (kind: ReviewKind, key: string) => `${kind}-${key}`;

/** Undecided items are accepted. */
export const ACCEPT: Choice = { verdict: 'accept' };

/** One auth method, action or event with its Accept / Edit / Drop buttons, and its editor when open. */
export function ReviewItem({
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
  children?: preact.ComponentChildren;
}) {
  const testId = itemId(kind, itemKey);
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
      {editing && children && <div class="review-editor">{children}</div>}
    </li>
  );
}

/** A group's checkbox: checked when all its (shown) actions are kept, indeterminate when some are. */
export function GroupCheckbox({
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
