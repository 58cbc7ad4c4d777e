/** Generates a large, realistic OpenAPI 3.0.3 document (deterministic). */
export declare function generateLargeSpec(options?: {
  operations?: number;
  schemas?: number;
  tags?: number;
  descriptionSentences?: number;
}): Record<string, unknown>;
