// Where the server may send requests, and how: OAuth endpoints, connector actions and the proxy.
export {
  type AddressVerdict,
  type BlockedAddressReason,
  classifyAddress,
  type EmbeddingKind,
} from './address-classifier.js';
export { OutboundAgents, type OutboundAgentsOptions } from './agent-pool.js';
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
export { OutboundError, type OutboundFailure } from './outbound-error.js';
export { bodyStreamError } from './outbound-hop.js';
export { pinnedLookup } from './pinned-lookup.js';
export { HOP_BY_HOP_HEADERS, passableHeaders } from './response-headers.js';
export { type OutboundOptions, type OutboundRequest, type OutboundResponse, sendOutbound } from './send-outbound.js';
export { type StreamedResponse, type StreamOptions, type StreamRequest, streamOutbound } from './stream-outbound.js';
