/**
 * Parses OpenAPI 3.0/3.1 and Swagger 2.0 documents and builds Plugboard connector drafts from them: pure
 * functions, no network (remote `$ref`s go through a `fetchRef` callback the caller provides).
 * @packageDocumentation
 */
export {
  type ActionGroup,
  type ActionSelection,
  type BuildOptions,
  buildConnectorDraft,
  type ConnectorDraft,
  MAX_ACTIONS,
  MAX_EVENTS,
  pickActions,
  selectActions,
} from './build.js';
export type { ActionInputDefinition, DraftAction } from './build-actions.js';
export type { EventInputDefinition } from './build-events.js';
export { expandServer, type ServerChoice } from './build-server.js';
export { isSpecError, SpecError, SpecErrorCode } from './errors.js';
export {
  HTTP_METHODS,
  type HttpMethod,
  type SecurityRequirement,
  type SpecCallback,
  type SpecDocument,
  type SpecEncoding,
  type SpecOAuthFlow,
  type SpecOperation,
  type SpecParameter,
  type SpecRequestBody,
  type SpecSecurityScheme,
  type SpecServer,
  type SpecVersion,
  type SpecWebhook,
} from './model.js';
export { type ParseOptions, parseSpec, readDocument } from './parse.js';
export type { FetchRef, Located, RefResolver } from './refs.js';
export { type SpecWarning, SpecWarningCode } from './warnings.js';
