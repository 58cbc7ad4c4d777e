import { clientKeyOf } from '../http/client-address.js';
import type { ServiceDeps } from './deps.js';
import { rateLimitsOf, takeOrRefuse } from './rate-limits.js';

const emailKey = (email: string) => `sign-in:email:${email.toLowerCase()}`;

/**
 * Takes one console sign-in attempt from the client's budget, then from the email's; both live in the
 * database, so every replica counts them together. The client budget stops one address trying a password
 * against many emails; the email budget stops many addresses guessing one account's password.
 *
 * @param client - the client's address (see `clientAddress`)
 * @throws ApiError 429 `rate_limited` with `Retry-After` when either budget is spent
 */
export async function takeSignInAttempt(deps: ServiceDeps, client: string, email: string): Promise<void> {
  const limits = rateLimitsOf(deps);
  const message = 'Too many sign-in attempts from this address; try again later';
  await takeOrRefuse(deps, `sign-in:client:${clientKeyOf(client)}`, limits.signInPerClient, message);
  await takeOrRefuse(
    deps,
    emailKey(email),
    limits.signInPerEmail,
    'Too many failed sign-ins for this email; try again later',
  );
}

/** Gives an email its whole budget back after a successful sign-in: only failures should add up. */
export async function forgetSignInFailures(deps: ServiceDeps, email: string): Promise<void> {
  await deps.store.resetRateLimit(emailKey(email));
}
