/** What the SDK's errors carry that the console reads; also what fakes throw in tests. */
export interface ErrorLike {
  code?: string;
  message?: string;
  apiMessage?: string;
  retryAfter?: number;
  issues?: { path: string; message: string }[];
}

const asError = (error: unknown): ErrorLike => (typeof error === 'object' && error !== null ? error : {});

/** The error's stable code, `unknown` when it has none. */
export const codeOf = (error: unknown): string => asError(error).code ?? 'unknown';

/**
 * Words an error for people: the console's own text where it can name the problem, the API's message
 * otherwise (the SDK's `message` also names the method and URL, which people need not read).
 */
export function errorText(error: unknown): string {
  const problem = asError(error);
  switch (problem.code) {
    case 'network_error':
    case 'timeout':
      return 'The Plugboard server could not be reached. Check your connection and try again.';
    case 'unauthenticated':
      return 'Your console session has ended. Sign in again.';
    case 'csrf_failed':
      return 'The request was refused as a possible forgery. Reload the page and try again.';
    case 'rate_limited':
      return problem.retryAfter
        ? `Too many attempts. Try again in ${Math.ceil(problem.retryAfter / 60)} minute(s).`
        : 'Too many attempts. Try again later.';
    default:
      return problem.apiMessage || problem.message || 'Something went wrong. Please try again.';
  }
}

/** The validation issues of an API error, keyed by dotted path. */
export function issuesOf(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of asError(error).issues ?? []) fields[issue.path] ??= issue.message;
  return fields;
}
