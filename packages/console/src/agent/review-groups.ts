import type { AgentDraft, AgentRun } from './types.js';

type DraftAction = AgentDraft['actions'][number];

/** A group of the review: its name, its test-id slug and its actions' keys. */
export interface ReviewGroup {
  name: string;
  id: string;
  keys: string[];
}

/** The test-id slug of a group: lowercased, anything but letters, digits, dots, dashes and underscores as dashes. */
export const groupSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'other';

/**
 * The groups as the agent made them (by tag, else by first path segment), each action once; actions in none
 * land in "Other", or in "All actions" when there are no groups at all.
 */
export function reviewGroups(run: Pick<AgentRun, 'groups'>, actions: readonly DraftAction[]): ReviewGroup[] {
  const known = new Set(actions.map((action) => action.key));
  const grouped = new Set<string>();
  const groups: ReviewGroup[] = [];
  for (const group of run.groups) {
    const keys = group.actionKeys.filter((key) => known.has(key) && !grouped.has(key));
    for (const key of keys) grouped.add(key);
    if (keys.length > 0) groups.push({ name: group.tag, id: groupSlug(group.tag), keys });
  }
  const rest = actions.filter((action) => !grouped.has(action.key)).map((action) => action.key);
  if (rest.length > 0) {
    const name = groups.length > 0 ? 'Other' : 'All actions';
    groups.push({ name, id: groups.length > 0 ? 'other' : 'all', keys: rest });
  }
  return groups;
}

/** Whether an action matches every word of a search: in its name, key, method, path or group. */
export function matches(action: DraftAction, group: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = `${action.name} ${action.key} ${action.method} ${action.path} ${group}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

/** The words of a search box, lowercased. */
export const searchWords = (search: string) => search.toLowerCase().split(/\s+/).filter(Boolean);

/** Fixed row heights of the action list: what lets it render only the rows in view. */
export const ROW_HEIGHT = 64;
export const HEADER_HEIGHT = 44;
const OVERSCAN = 6;

/** One group as laid out in the scrolled list: where it starts, and which of its rows are in view. */
export interface GroupWindow {
  group: ReviewGroup;
  keys: string[];
  top: number;
  height: number;
  first: number;
  last: number;
}

/**
 * Lays out the filtered groups one under the other and says which rows fall in the viewport (with a few rows
 * of overscan), so a list of 1,500 actions renders a screenful of them.
 */
export function windowOf(
  groups: readonly { group: ReviewGroup; keys: string[] }[],
  scrollTop: number,
  viewport: number,
): GroupWindow[] {
  let top = 0;
  const from = scrollTop - OVERSCAN * ROW_HEIGHT;
  const to = scrollTop + viewport + OVERSCAN * ROW_HEIGHT;
  return groups.map(({ group, keys }) => {
    const height = HEADER_HEIGHT + keys.length * ROW_HEIGHT;
    const rowsTop = top + HEADER_HEIGHT;
    const first = Math.max(0, Math.floor((from - rowsTop) / ROW_HEIGHT));
    const last = Math.min(keys.length, Math.ceil((to - rowsTop) / ROW_HEIGHT));
    const window = { group, keys, top, height, first, last: Math.max(first, last) };
    top += height;
    return window;
  });
}
