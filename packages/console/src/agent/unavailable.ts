import type { AgentClient } from './types.js';

const unavailable = () =>
  Object.assign(new Error('Build with AI is not available on this server yet.'), {
    code: 'not_available',
    apiMessage: 'Build with AI is not available on this server yet.',
  });

/** Stands in for the SDK's `agent` resource on a server that has none: every call fails with a clear message. */
export const unavailableAgent: AgentClient = {
  start: async () => Promise.reject(unavailable()),
  get: async () => Promise.reject(unavailable()),
  list: async () => Promise.reject(unavailable()),
  review: async () => Promise.reject(unavailable()),
  cancel: async () => Promise.reject(unavailable()),
  create: async () => Promise.reject(unavailable()),
  events: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(unavailable()) }),
  }),
};
