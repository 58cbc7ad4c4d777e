import { issuesOf } from '../state/errors.js';
import { itemId } from './review-item.js';

const KINDS = { authMethods: 'auth-method', actions: 'action', events: 'event' } as const;

/**
 * The server's issues about decisions (`decisions.actions.2.value.path`) by the item they name (`action-<key>`),
 * so each shows on its item; issues about anything else are left for the form's error.
 */
export function issuesByItem(
  failure: unknown,
  lists: Record<keyof typeof KINDS, readonly { key: string }[]>,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [path, message] of Object.entries(issuesOf(failure))) {
    const match = /^decisions\.(authMethods|actions|events)\.(\d+)(?:\.value)?\.?(.*)$/.exec(path);
    if (!match) continue;
    const kind = match[1] as keyof typeof KINDS;
    const item = lists[kind][Number(match[2])];
    if (!item) continue;
    const where = itemId(KINDS[kind], item.key);
    const text = match[3] ? `${match[3]}: ${message}` : message;
    found[where] = found[where] ? `${found[where]}; ${text}` : text;
  }
  return found;
}
