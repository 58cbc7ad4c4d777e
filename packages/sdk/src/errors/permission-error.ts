import { PlugboardApiError } from './plugboard-api-error.js';

/** 403: the credential is valid but may not do this (including a refused origin). */
export class PermissionError extends PlugboardApiError {
  override name = 'PermissionError' as const;
}
