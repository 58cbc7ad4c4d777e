import { z } from 'zod';
import { type EgressPolicy, egressFetch } from '../egress/index.js';

/** An OpenAI-compatible chat completions endpoint the agent may ask. */
export interface LlmOptions {
  /** The API's base URL (`…/v1`) or its `/chat/completions` URL. */
  url: string;
  apiKey: string;
  /** @example 'gpt-4o-mini' */
  model: string;
}

/** What the model may say a free-text prompt means. */
const interpretationSchema = z.strictObject({
  provider: z.string().min(1).max(100).nullable().optional(),
  domain: z
    .string()
    .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i)
    .nullable()
    .optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable()
    .optional(),
});

/** The model's reading of a prompt: a provider name, a domain or a docs URL. */
export type Interpretation = z.output<typeof interpretationSchema>;

const namingSchema = z.strictObject({
  actions: z
    .array(
      z.strictObject({
        key: z.string(),
        name: z.string().trim().min(1).max(100),
        description: z.string().max(1000).optional(),
      }),
    )
    .max(200),
});

const proposalSchema = z.strictObject({
  fixes: z
    .array(
      z.strictObject({
        baseUrl: z
          .url({ protocol: /^https?$/ })
          .max(2048)
          .optional(),
        apiKeyIn: z.enum(['header', 'query']).optional(),
        apiKeyName: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,100}$/)
          .optional(),
        why: z.string().max(300).optional(),
      }),
    )
    .max(3),
});

/** A change the model proposes for failing tests; the agent tries it like its own and keeps it only if it passes. */
export type ProposedFix = z.output<typeof proposalSchema>['fixes'][number];

const TIMEOUT_MS = 30_000;
const MAX_ANSWER_CHARS = 1024 * 1024;

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const endpointOf = (url: string) =>
  /\/chat\/completions\/?$/.test(url) ? url : `${url.replace(/\/+$/, '')}/chat/completions`;

/**
 * The agent's optional model. Every call goes through the egress policy; an answer that is not JSON of the
 * expected shape counts as no answer, so the agent carries on deterministically.
 */
export class AgentModel {
  constructor(
    private readonly policy: EgressPolicy,
    private readonly options: LlmOptions,
  ) {}

  private async ask<T extends z.ZodType>(schema: T, system: string, user: string): Promise<z.output<T> | undefined> {
    try {
      // Through the egress policy like every outgoing call; no redirect is followed (see egressFetch).
      const response = await egressFetch(this.policy)(endpointOf(this.options.url), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({
          model: this.options.model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) return undefined;
      const text = await response.text();
      if (text.length > MAX_ANSWER_CHARS) return undefined;
      const completion = completionSchema.safeParse(JSON.parse(text));
      if (!completion.success) return undefined;
      const content = completion.data.choices[0]?.message.content ?? '';
      const parsed = schema.safeParse(JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, '')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** What API a free-text prompt is about, or undefined when the model gave no usable answer. */
  async interpret(prompt: string): Promise<Interpretation | undefined> {
    const answer = await this.ask(
      interpretationSchema,
      'You identify which web API a user wants to integrate with. Answer with JSON only: ' +
        '{"provider": string|null, "domain": string|null, "url": string|null}: the product name, its domain, ' +
        'and the URL of its API docs or OpenAPI spec if you know it. Use null for what you do not know.',
      prompt,
    );
    if (!answer || (!answer.provider && !answer.domain && !answer.url)) return undefined;
    return answer;
  }

  /**
   * Changes worth trying for failing tests: another base URL, or the API key elsewhere. Only those shapes are
   * accepted, so the model can never change what a request carries beyond them; each is then tested for real.
   */
  async proposeFixes(failure: {
    baseUrl: string | null;
    servers: readonly string[];
    apiKey: { in: string; name: string } | null;
    failing: ReadonlyArray<{ method: string; path: string; status: number; note?: string | undefined }>;
  }): Promise<ProposedFix[]> {
    const answer = await this.ask(
      proposalSchema,
      'You debug failing HTTP API calls. Given the base URL, the servers a spec lists, where the API key is sent ' +
        'and the failing calls with their status, propose at most 3 changes. Answer with JSON only: ' +
        '{"fixes": [{"baseUrl"?: string, "apiKeyIn"?: "header"|"query", "apiKeyName"?: string, "why"?: string}]}.',
      JSON.stringify(failure),
    );
    return (answer?.fixes ?? []).filter((fix) => fix.baseUrl || fix.apiKeyIn || fix.apiKeyName);
  }

  /** Better names and descriptions for actions, by key; only keys that exist are kept. */
  async nameActions(
    actions: ReadonlyArray<{ key: string; method: string; path: string; name: string }>,
  ): Promise<Map<string, { name: string; description?: string | undefined }>> {
    const answer = await this.ask(
      namingSchema,
      'You write short, readable names (imperative, under 60 characters, e.g. "List contacts") and one-sentence ' +
        'descriptions for HTTP API operations. Answer with JSON only: {"actions": [{"key", "name", "description"}]} ' +
        'using the keys you were given.',
      JSON.stringify(actions),
    );
    const known = new Set(actions.map((action) => action.key));
    return new Map(
      (answer?.actions ?? [])
        .filter((action) => known.has(action.key))
        .map((action) => [action.key, { name: action.name, description: action.description }]),
    );
  }
}
