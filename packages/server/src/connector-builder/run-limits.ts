import {
  type AgentLimits,
  ErrorCode,
  MAX_AGENT_SPEC_BYTES,
  MAX_CONNECTOR_ACTIONS,
  MAX_CONNECTOR_EVENTS,
} from '@plugboard/shared';
import { ApiError } from '../http/api-error.js';

/**
 * The connector agent's bounds by default: specs up to 50 MB, two runs of one organization building at once
 * (parsing a 50 MB spec takes hundreds of MB of memory), and connectors of up to 2,000 actions and 500 events.
 * `plugboard serve` reads `PLUGBOARD_AGENT_MAX_SPEC_BYTES`, `PLUGBOARD_AGENT_MAX_BUILDS`,
 * `PLUGBOARD_AGENT_MAX_ACTIONS` and `PLUGBOARD_AGENT_MAX_EVENTS`.
 */
export const DEFAULT_AGENT_LIMITS: Readonly<AgentLimits> = {
  maxSpecBytes: MAX_AGENT_SPEC_BYTES,
  maxBuildsPerOrganization: 2,
  maxActions: MAX_CONNECTOR_ACTIONS,
  maxEvents: MAX_CONNECTOR_EVENTS,
};

/** How many runs of one organization may build at once by default. */
export const DEFAULT_MAX_BUILDS_PER_ORGANIZATION = DEFAULT_AGENT_LIMITS.maxBuildsPerOrganization;

const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The answer to a run started while the organization already has `maxBuilding` runs building. */
export function buildCapacityReached(maxBuilding: number): ApiError {
  return new ApiError(
    429,
    ErrorCode.RateLimited,
    `This organization already has ${maxBuilding} runs building, the most it may at once; start another when one pauses for review`,
  );
}

/** @throws ApiError 413 `payload_too_large` when an uploaded spec is over the configured size */
export function checkSpecSize(limits: AgentLimits, specText: string | undefined): void {
  if (specText === undefined) return;
  const bytes = Buffer.byteLength(specText);
  if (bytes <= limits.maxSpecBytes) return;
  throw new ApiError(
    413,
    ErrorCode.PayloadTooLarge,
    `The spec is ${megabytes(bytes)}; this server takes specs up to ${megabytes(limits.maxSpecBytes)}`,
  );
}

/** Issues of a reviewed draft that keeps more actions or events than a connector built by the agent may hold. */
export function connectorLimitIssues(limits: AgentLimits, draft: { actions: unknown[]; events: unknown[] }) {
  const issues: { path: string; message: string }[] = [];
  if (draft.actions.length > limits.maxActions)
    issues.push({
      path: 'decisions.actions',
      message: `${draft.actions.length} actions kept; a connector holds at most ${limits.maxActions}: drop ${draft.actions.length - limits.maxActions}`,
    });
  if (draft.events.length > limits.maxEvents)
    issues.push({
      path: 'decisions.events',
      message: `${draft.events.length} events kept; a connector holds at most ${limits.maxEvents}: drop ${draft.events.length - limits.maxEvents}`,
    });
  return issues;
}
