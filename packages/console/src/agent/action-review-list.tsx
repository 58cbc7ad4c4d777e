import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  HEADER_HEIGHT,
  matches,
  type ReviewGroup,
  ROW_HEIGHT,
  reviewGroups,
  searchWords,
  windowOf,
} from './review-groups.js';
import { GroupCheckbox } from './review-item.js';
import type { AgentDraft, AgentRun } from './types.js';

type DraftAction = AgentDraft['actions'][number];

// Without layout (a test DOM) the list has no height: render as if it had a screenful.
const FALLBACK_VIEWPORT = 800;

/**
 * The actions of a draft grouped (by tag, else by first path segment), with a search, a checkbox per group and
 * one for everything shown, and counts. Only the rows in view are rendered, so 1,500 actions stay responsive.
 */
export function ActionReviewList({
  run,
  actions,
  isKept,
  onKeep,
  renderRow,
  maxActions,
}: {
  /** The most actions a connector built here keeps (the server's `GET /v1/agent/limits`). */
  maxActions: number;
  run: Pick<AgentRun, 'groups'>;
  actions: readonly DraftAction[];
  isKept(key: string): boolean;
  onKeep(keys: readonly string[], keep: boolean): void;
  renderRow(action: DraftAction, group: ReviewGroup): preact.ComponentChildren;
}) {
  const [search, setSearch] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const scroller = useRef<HTMLDivElement>(null);
  const byKey = useMemo(() => new Map(actions.map((action) => [action.key, action])), [actions]);
  const groups = useMemo(() => reviewGroups(run, actions), [run, actions]);
  const shown = useMemo(() => {
    const words = searchWords(search);
    return groups
      .map((group) => ({
        group,
        keys: group.keys.filter((key) => {
          const action = byKey.get(key);
          return action !== undefined && matches(action, group.name, words);
        }),
      }))
      .filter((entry) => entry.keys.length > 0);
  }, [groups, byKey, search]);
  useLayoutEffect(() => {
    const height = scroller.current?.clientHeight ?? 0;
    if (height > 0 && height !== viewport) setViewport(height);
  });
  const windows = windowOf(shown, scrollTop, viewport);
  const shownKeys = shown.flatMap((entry) => entry.keys);
  const kept = actions.filter((action) => isKept(action.key)).length;
  const shownKept = shownKeys.filter(isKept).length;
  if (actions.length === 0) return <p class="muted">The agent built no actions.</p>;
  return (
    <div class="action-review">
      <div class="review-tools">
        <input
          type="search"
          class="review-search"
          placeholder="Search actions by name, key, path or group"
          aria-label="Search actions"
          value={search}
          onInput={(event) => {
            setSearch(event.currentTarget.value);
            setScrollTop(0);
            if (scroller.current) scroller.current.scrollTop = 0;
          }}
          data-testid="review-search"
        />
        <GroupCheckbox
          id="shown"
          tag={search ? 'Every matching action' : 'Every action'}
          kept={shownKept}
          total={shownKeys.length}
          onChange={(keep) => onKeep(shownKeys, keep)}
        />
      </div>
      <p class="note" data-testid="action-review-counts">
        {kept} of {actions.length} actions kept
        {search ? `; ${shownKeys.length} match` : ''}. A connector holds at most {maxActions.toLocaleString('en')}.
      </p>
      {kept > maxActions && (
        <p class="field-error" role="alert" data-testid="action-review-over">
          Drop {(kept - maxActions).toLocaleString('en')} more: a connector holds at most{' '}
          {maxActions.toLocaleString('en')} actions.
        </p>
      )}
      {shown.length === 0 && <p class="muted">No action matches “{search}”.</p>}
      <div
        class="review-scroller"
        ref={scroller}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        data-testid="review-actions-scroller"
      >
        {windows.map(({ group, keys, height, first, last }) => {
          const inView = last > first;
          const groupKept = keys.filter(isKept).length;
          return (
            <section
              key={group.id}
              class="review-group"
              style={{ height: `${height}px` }}
              aria-label={`${group.name} actions`}
              data-testid={`group-${group.id}`}
            >
              <div class="review-group-header" style={{ height: `${HEADER_HEIGHT}px` }}>
                <GroupCheckbox
                  id={group.id}
                  tag={group.name}
                  kept={groupKept}
                  total={keys.length}
                  onChange={(keep) => onKeep(keys, keep)}
                />
              </div>
              {inView && (
                <ul class="review-list virtual" style={{ paddingTop: `${first * ROW_HEIGHT}px` }}>
                  {keys.slice(first, last).map((key) => {
                    const action = byKey.get(key);
                    return action ? renderRow(action, group) : null;
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
