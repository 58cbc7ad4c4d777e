import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ActionResult } from '@plugboard/shared';
import { ErrorCode } from '@plugboard/shared';
import type { Logger } from '../logger.js';
import { DomainError } from '../services/domain-error.js';

/** What a tool error tells an agent, beyond its message. */
export interface ToolErrorExtra {
  /** A link the end user opens to connect or reconnect, for the agent to hand over. */
  connectUrl?: string | undefined;
  /** The connector the error is about. */
  connector?: string | undefined;
}

const pretty = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

// What an agent should do next, by code: the server's message says what happened.
const NEXT_STEP: Partial<Record<string, string>> = {
  [ErrorCode.ValidationFailed]: 'Fix the arguments and call the tool again.',
  [ErrorCode.NeedsReauth]: 'Ask the user to reconnect, then call the tool again.',
  [ErrorCode.RateLimited]: 'Wait, then call the tool again.',
  [ErrorCode.EgressBlocked]: 'Retrying will not help: the connector must be fixed by the vendor.',
  [ErrorCode.PathNotAllowed]: 'Retrying with these arguments will not help.',
  [ErrorCode.UpstreamTimeout]: 'The third-party API may be slow; retry later.',
  [ErrorCode.RefreshFailed]: 'The provider could not refresh the sign-in right now; retry later.',
};

function errorResult(error: ErrorBody, text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }], structuredContent: error };
}

type ErrorBody = { error: { code: string; message: string } & Record<string, unknown> };

/**
 * A tool's successful answer: the upstream JSON as structured content with a text rendering, and the status.
 * A 4xx or 5xx from the third-party API is a tool error carrying its body as data. Never the request, whose
 * credentials are only masked: nothing secret needs to reach an agent.
 */
export function actionToolResult(connectorName: string, result: ActionResult): CallToolResult {
  const text = `${connectorName} answered HTTP ${result.status}\n${pretty(result.body)}`;
  if (result.status >= 400) {
    const code = ErrorCode.UpstreamError;
    const message = `${connectorName} answered HTTP ${result.status}`;
    return errorResult({ error: { code, message, status: result.status, body: result.body } }, text);
  }
  return {
    content: [{ type: 'text', text }],
    structuredContent: { status: result.status, body: result.body },
  };
}

/**
 * A failed tool call as a tool error (`isError`): the domain error's code and message, what to do next, and a
 * connect link when there is one. Anything else is logged by name only and answered with a generic message, as
 * its text could quote input.
 */
export function toolErrorOf(error: unknown, logger: Logger, extra: ToolErrorExtra = {}): CallToolResult {
  if (!DomainError.is(error)) {
    logger.error({ event: 'mcp.tool_failed', name: (error as Error)?.name });
    return errorResult(
      { error: { code: ErrorCode.Internal, message: 'Something went wrong on the server' } },
      'Something went wrong on the server; retry later.',
    );
  }
  const body: ErrorBody = { error: { ...error.toBody().error } };
  if (error.retryAfterSeconds !== undefined) body.error.retryAfterSeconds = error.retryAfterSeconds;
  if (extra.connector) body.error.connector = extra.connector;
  if (extra.connectUrl) body.error.connectUrl = extra.connectUrl;
  const lines = [error.message, NEXT_STEP[error.code]];
  if (extra.connectUrl) lines.push(`Give the user this link to connect: ${extra.connectUrl}`);
  return errorResult(body, lines.filter(Boolean).join('\n'));
}
