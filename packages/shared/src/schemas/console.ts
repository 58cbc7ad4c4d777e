import { z } from 'zod';
import { externalIdSchema, timestampSchema } from './common.js';
import { connectionStatusSchema } from './connections.js';
import { memberSchema, organizationSchema } from './organizations.js';

/** Body of `POST /v1/console/sign-in`. Any non-empty password is accepted here, so the rules of a good one stay private. */
export const consoleSignInSchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** A password a member signs in to the console with: 10 to 1,024 characters. */
export const memberPasswordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(1024, 'Use at most 1,024 characters');

/**
 * The signed-in console member, their organization, and the CSRF token to send as `x-plugboard-csrf` on every
 * request that changes something.
 */
export const consoleAccountSchema = z.object({
  member: memberSchema,
  organization: organizationSchema,
  csrfToken: z.string(),
});

/** Body of `POST /v1/console/test-session`: a connect session for the signed-in member, to try connectors out. */
export const consoleTestSessionSchema = z.strictObject({
  /** The tenant the test connections belong to; `console-test-<member id>` by default. */
  tenantId: externalIdSchema.optional(),
});

/** What `POST /v1/connections/{id}/test` found out. */
export const connectionTestSchema = z.object({
  /** `unsupported` when the connector defines no way to check its credentials. */
  result: z.enum(['passed', 'failed', 'unsupported']),
  /** Fit to show people; never holds a credential. */
  message: z.string(),
  /** The connection's status after the check, e.g. `needs_reauth` when the provider refused its grant. */
  status: connectionStatusSchema,
  checkedAt: timestampSchema,
});
