/** Codes of {@link SpecWarning}s: something was left out or guessed, and the draft is still usable. */
export const SpecWarningCode = {
  /** A `$ref` pointed nowhere, or its remote document could not be fetched. */
  UnresolvedRef: 'unresolved_ref',
  /** An operation became no action (an unsupported method, an unusable path or parameter name). */
  OperationSkipped: 'operation_skipped',
  /** A parameter or body property was left out of an action's input. */
  InputSkipped: 'input_skipped',
  /** A request body that is not a JSON object, or not JSON: the action sends its properties as a JSON object. */
  BodyChanged: 'body_changed',
  /** A security scheme that has no Plugboard auth method (cookie keys, implicit flows, OpenID Connect...). */
  UnsupportedAuth: 'unsupported_auth',
  /** No usable base URL: the servers are missing, relative without a source URL, or malformed. */
  ServerUnresolved: 'server_unresolved',
  /** More actions, events or scopes than a connector holds: the rest are left out of the connector body. */
  Truncated: 'truncated',
  /** A schema was cut short: a circular reference or the size budget of one input. */
  SchemaCut: 'schema_cut',
} as const;

/** One of {@link SpecWarningCode}. */
export type SpecWarningCode = (typeof SpecWarningCode)[keyof typeof SpecWarningCode];

/** Something the parser or builder left out or guessed, with where it happened in the document. */
export interface SpecWarning {
  code: SpecWarningCode;
  message: string;
  /** A JSON pointer into the document (`#/paths/~1pets/get`), when the warning is about one place. */
  pointer?: string;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
