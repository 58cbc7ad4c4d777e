import { ErrorCode } from '@plugboard/shared';
import { ApiError } from '../http/api-error.js';
import type { AgentStore } from '../storage/agent-store.js';

/** How many runs of one organization may build at once: parsing a 50 MB spec takes hundreds of MB of memory. */
export const MAX_RUNNING_PER_ORGANIZATION = 2;

/**
 * Refuses a new run while the organization already has {@link MAX_RUNNING_PER_ORGANIZATION} building, counted in
 * the database so that replicas share the bound.
 *
 * @throws ApiError 429 rate_limited
 */
export async function checkRunCapacity(store: Pick<AgentStore, 'listRunningAgentRuns'>, organizationId: string) {
  const running = (await store.listRunningAgentRuns(organizationId)).filter((record) =>
    ['understand', 'discover', 'build'].includes(record.run.step),
  );
  if (running.length >= MAX_RUNNING_PER_ORGANIZATION) {
    throw new ApiError(
      429,
      ErrorCode.RateLimited,
      `${running.length} runs of this organization are building; start another when one pauses for review`,
    );
  }
}
