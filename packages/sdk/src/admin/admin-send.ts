import type { ApiRequest } from '../core/request.js';

/** Sends one admin call with the client's credential: a secret key, or the console's cookie and CSRF token. */
export type AdminSend = <T>(request: ApiRequest) => Promise<T>;
