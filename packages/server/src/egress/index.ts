// Where the server may send requests: OAuth endpoints today, connector actions later.
export {
  type AddressVerdict,
  type BlockedAddressReason,
  classifyAddress,
  type EmbeddingKind,
} from './address-classifier.js';
export { EgressBlockedError } from './egress-error.js';
export { type EgressFetch, egressFetch } from './egress-fetch.js';
export {
  type AllowedHost,
  assertEgress,
  checkEgress,
  createEgressPolicy,
  type EgressBlockReason,
  type EgressDecision,
  type EgressPolicy,
  type EgressPolicyOptions,
  type Resolver,
} from './egress-policy.js';
