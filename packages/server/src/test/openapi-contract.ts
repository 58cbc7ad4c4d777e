// Holds every error answer the server tests see to the OpenAPI document: an error whose status and code its
// operation does not list fails the test that got it, so the codes each route declares stay true.
import { appendFileSync } from 'node:fs';

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: ErrorSchema }> }>;
}
interface ErrorSchema {
  allOf?: [unknown, { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }];
}

/** Checks one answer; throws when the document does not list its error. */
export type ContractCheck = (method: string, path: string, status: number, body: unknown) => void;

/**
 * The check of a document's operations. With `logTo`, misses are appended to that file instead of thrown: the
 * test context passes PLUGBOARD_CONTRACT_LOG, to list every miss of a whole run at once.
 */
export function contractCheck(
  document: { paths: Record<string, Record<string, Operation>> },
  options: { logTo?: string | undefined } = {},
): ContractCheck {
  const operations = Object.entries(document.paths).flatMap(([template, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      template,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      operation,
    })),
  );
  return (method, path, status, body) => {
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    if (status < 400 || typeof code !== 'string') return;
    const pathname = new URL(path, 'http://test').pathname;
    const matches = operations.filter((entry) => entry.method === method && entry.pattern.test(pathname));
    // A literal path wins over a template (`/v1/connect-links/exchange` over `/v1/connect-links/{id}`).
    const found = matches.find((entry) => !entry.template.includes('{')) ?? matches[0];
    if (!found) return;
    const response = found.operation.responses[String(status)];
    if (status === 500 && response?.$ref) return;
    const listed =
      response?.content?.['application/json']?.schema?.allOf?.[1].properties?.error?.properties?.code?.enum;
    if (listed?.includes(code)) return;
    const miss = `${found.method} ${found.template} answered ${status} ${code}, which its OpenAPI operation does not list`;
    if (options.logTo) appendFileSync(options.logTo, `${miss}\n`);
    else throw new Error(`${miss}: add it to the route's \`errors\``);
  };
}
