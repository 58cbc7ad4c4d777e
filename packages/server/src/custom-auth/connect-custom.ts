import { ErrorCode, type ValidationIssue } from '@plugboard/shared';
import { ApiError } from '../http/api-error.js';
import type { ServiceDeps } from '../services/deps.js';
import { CustomAuthError } from './handler.js';

/**
 * Checks the fields an end user typed against the handler's form, then lets the handler exchange them
 * for the credentials to store. Input problems come back as issues on `credentials.<field>`.
 */
export async function connectCustom(deps: ServiceDeps, handlerName: string, submitted: Record<string, string>) {
  const handler = deps.customAuth?.[handlerName];
  if (!handler)
    throw new ApiError(400, ErrorCode.AuthMethodNotSupported, `No custom auth handler "${handlerName}" is registered`);
  const issues: ValidationIssue[] = [];
  const known = new Set(handler.fields.map((field) => field.name));
  for (const name of Object.keys(submitted)) {
    if (!known.has(name)) issues.push({ path: `credentials.${name}`, message: 'Unknown field' });
  }
  for (const field of handler.fields) {
    const value = submitted[field.name] ?? '';
    if (value === '') issues.push({ path: `credentials.${field.name}`, message: `Enter ${field.label.toLowerCase()}` });
    else if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value)) {
      issues.push({ path: `credentials.${field.name}`, message: `${field.label} is not in the expected form` });
    }
  }
  if (issues.length > 0) throw ApiError.validation(issues);
  try {
    return await handler.connect(submitted, { fetch });
  } catch (error) {
    if (error instanceof CustomAuthError) {
      throw ApiError.validation([
        { path: error.field ? `credentials.${error.field}` : 'credentials', message: error.message },
      ]);
    }
    deps.logger.warn({ event: 'custom_auth.failed', handler: handlerName, name: (error as Error).name });
    throw new ApiError(502, ErrorCode.ProviderError, 'The service did not accept the connection; try again later');
  }
}
