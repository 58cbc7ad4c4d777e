import { createHash } from 'node:crypto';

/** Longest tool name we give: MCP allows 128, and several agent frameworks accept only 64. */
export const MAX_TOOL_NAME = 64;

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * The MCP tool name of a connector's action: `<connector slug>_<action key>`, within MCP's tool-name rules (letters,
 * digits, `_`, `-`, `.`). Slugs and keys already use those characters; anything else becomes `_`. A name longer than
 * {@link MAX_TOOL_NAME} keeps its start and ends in a hash of the whole, so it is stable and still unique.
 *
 * @example
 * ```ts
 * toolName('acme-crm', 'list-contacts'); // 'acme-crm_list-contacts'
 * ```
 */
export function toolName(connectorSlug: string, actionKey: string): string {
  const full = `${connectorSlug}_${actionKey}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (full.length <= MAX_TOOL_NAME) return full;
  return hashed(full, `${connectorSlug}\u0000${actionKey}`);
}

/**
 * The name of a tool whose plain name another connector already took (another organization's public connector
 * with the same slug): shortened like a long name, with a hash of the connector's id, which never changes.
 */
export function disambiguatedToolName(connectorId: string, connectorSlug: string, actionKey: string): string {
  return hashed(`${connectorSlug}_${actionKey}`.replace(/[^A-Za-z0-9_.-]/g, '_'), `${connectorId}\u0000${actionKey}`);
}

const hashed = (name: string, seed: string) => `${name.slice(0, MAX_TOOL_NAME - 9)}_${shortHash(seed)}`;
