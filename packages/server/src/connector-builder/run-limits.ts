import { ErrorCode } from '@plugboard/shared';
import { ApiError } from '../http/api-error.js';

/**
 * How many runs of one organization may build at once by default: parsing a 50 MB spec takes hundreds of MB of
 * memory. `plugboard serve` reads `PLUGBOARD_AGENT_MAX_BUILDS`.
 */
export const DEFAULT_MAX_BUILDS_PER_ORGANIZATION = 2;

/** The answer to a run started while the organization already has `maxBuilding` runs building. */
export function buildCapacityReached(maxBuilding: number): ApiError {
  return new ApiError(
    429,
    ErrorCode.RateLimited,
    `This organization already has ${maxBuilding} runs building, the most it may at once; start another when one pauses for review`,
  );
}
