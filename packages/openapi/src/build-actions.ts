import type { ConnectorCreate } from '@plugboard/shared';
import { buildInput, type InputContext } from './build-input.js';
import type { SpecOperation } from './model.js';
import { humanize, KeyRegistry, keyOf, truncate } from './names.js';
import { SpecWarningCode } from './warnings.js';

/** An action as the create body takes it. */
export type ActionInputDefinition = NonNullable<ConnectorCreate['actions']>[number];

/** One built action with what a member needs to pick it: its tags and where it came from. */
export interface DraftAction {
  action: ActionInputDefinition;
  /** The operation's tags, for grouping. */
  tags: string[];
  deprecated: boolean;
  operationId?: string;
  /** The operation's place in the document. */
  pointer: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ACTION_PATH = /^\/(?![/\\])[^\s?#\\]*$/;

/** A stable key: the operationId slugified, else method and path (`get-pets-pet-id`). */
function actionKey(operation: SpecOperation): string {
  const fromId = operation.operationId ? keyOf(operation.operationId) : '';
  if (/^[a-z]/.test(fromId)) return fromId;
  const fromPath = keyOf(`${operation.method} ${fromId || operation.path.replace(/[{}]/g, '')}`);
  return fromPath || operation.method;
}

function naming(operation: SpecOperation): { name: string; description: string } {
  const summary = operation.summary?.replace(/\.$/, '');
  const name = summary ?? (operation.operationId ? humanize(operation.operationId) : '');
  const fallback = `${operation.method.toUpperCase()} ${operation.path}`;
  const shortName = truncate(name || fallback, 100);
  const description = operation.description ?? (summary && shortName !== summary ? summary : '');
  return { name: shortName, description: truncate(description, 1000) };
}

/**
 * One action per operation, in document order, with the OAuth scopes `scopesOf` says it needs. Operations that cannot be actions (HEAD, OPTIONS, TRACE,
 * paths the server would refuse, unusable path parameters) are left out with a warning.
 */
export function buildActions(
  operations: SpecOperation[],
  context: InputContext,
  scopesOf: (operation: SpecOperation) => string[] = () => [],
): DraftAction[] {
  const keys = new KeyRegistry();
  const actions: DraftAction[] = [];
  const skip = (operation: SpecOperation, why: string) =>
    context.warnings.push({
      code: SpecWarningCode.OperationSkipped,
      message: `${operation.method.toUpperCase()} ${operation.path} skipped: ${why}`,
      pointer: operation.pointer,
    });
  for (const operation of operations) {
    const method = operation.method.toUpperCase();
    if (!METHODS.has(method)) {
      skip(operation, `${method} is not an action method`);
      continue;
    }
    if (!ACTION_PATH.test(operation.path) || operation.path.length > 2048) {
      skip(operation, 'the path must start with one / and hold no spaces, ?, # or backslashes');
      continue;
    }
    const built = buildInput(operation, context);
    if ('skip' in built) {
      skip(operation, built.skip);
      continue;
    }
    if (operation.servers) {
      context.warnings.push({
        code: SpecWarningCode.ServerUnresolved,
        message: `${method} ${operation.path} names its own server (${operation.servers[0]?.url}); the action uses the connector's base URL`,
        pointer: operation.pointer,
      });
    }
    const { required, ...rest } = built.input;
    const input = required ? built.input : rest;
    const scopes = scopesOf(operation);
    actions.push({
      action: {
        key: keys.claim(actionKey(operation)),
        ...naming(operation),
        method: method as 'GET',
        path: built.path,
        input,
        ...(scopes.length > 0 ? { scopes } : {}),
      },
      tags: operation.tags,
      deprecated: operation.deprecated,
      pointer: operation.pointer,
      ...(operation.operationId === undefined ? {} : { operationId: operation.operationId }),
    });
  }
  return actions;
}
