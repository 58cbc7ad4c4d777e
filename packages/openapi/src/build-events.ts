import type { ConnectorCreate } from '@plugboard/shared';
import { type InputContext, inlineFor, pickMedia } from './build-input.js';
import type { SpecDocument, SpecOperation } from './model.js';
import { humanize, KeyRegistry, keyOf, truncate } from './names.js';

/** An event as the create body takes it. */
export type EventInputDefinition = NonNullable<ConnectorCreate['events']>[number];

interface Source {
  name: string;
  operation: SpecOperation;
  /** Whether the name has several operations, so the method goes into the key. */
  shared: boolean;
  fallbackDescription: string;
}

function sources(spec: SpecDocument): Source[] {
  const list: Source[] = [];
  const counts = new Map<string, number>();
  for (const webhook of spec.webhooks) counts.set(webhook.name, (counts.get(webhook.name) ?? 0) + 1);
  for (const webhook of spec.webhooks) {
    list.push({
      name: webhook.name,
      operation: webhook.operation,
      shared: (counts.get(webhook.name) ?? 0) > 1,
      fallbackDescription: '',
    });
  }
  for (const operation of spec.operations) {
    for (const callback of operation.callbacks) {
      for (const inner of callback.operations) {
        list.push({
          name: callback.name,
          operation: inner,
          shared: callback.operations.length > 1,
          fallbackDescription: `Sent to the URL given to ${operation.method.toUpperCase()} ${operation.path} (${callback.expression}).`,
        });
      }
    }
  }
  return list;
}

/**
 * Events from OpenAPI 3.1 `webhooks` and 3.0 `callbacks`, delivered as webhooks to the connection's inbound
 * URL. A callback several operations register becomes one event; the payload schema is the request body the
 * API sends.
 */
export function buildEvents(spec: SpecDocument, context: InputContext): EventInputDefinition[] {
  const keys = new KeyRegistry();
  const seen = new Set<string>();
  const events: EventInputDefinition[] = [];
  for (const source of sources(spec)) {
    const { operation } = source;
    const base =
      keyOf(source.shared ? `${source.name}.${operation.method}` : source.name) || `event.${operation.method}`;
    if (seen.has(base)) continue;
    seen.add(base);
    const media = operation.requestBody ? pickMedia(operation.requestBody, null, operation.pointer) : undefined;
    const payload = media ? inlineFor(context, media.media.schema, operation.pointer) : undefined;
    // Named by its key: summaries of published webhooks are sentences ("This event occurs when…"), not names.
    const name = truncate(humanize(source.name) || source.name, 100) || 'Event';
    const body = operation.description ?? source.fallbackDescription;
    const summary = operation.summary?.replace(/\.$/, '');
    const said = !summary || summary.toLowerCase() === name.toLowerCase() || body.startsWith(summary);
    const description = said ? body : [operation.summary, body].filter(Boolean).join('\n\n');
    events.push({
      key: keys.claim(base),
      name,
      description: truncate(description, 1000),
      ...(payload && Object.keys(payload).length > 0 ? { payload } : {}),
      delivery: { kind: 'webhook', ...signatureOf(operation) },
    });
  }
  return events;
}

type Signature = NonNullable<Extract<EventInputDefinition['delivery'], { kind: 'webhook' }>['signature']>;

/**
 * The inbound signature check a webhook's own header parameters describe: a `…Signature…` header holding an
 * HMAC-SHA256 (its name says 256, or its example or description says sha256 or HMAC), hex unless it says base64,
 * with the `sha256=` prefix its example shows. A proposal: the member sees it in review and can edit it.
 */
export function signatureOf(operation: SpecOperation): { signature: Signature } | Record<string, never> {
  const headers = operation.parameters.filter(
    (parameter) => parameter.in === 'header' && /signature/i.test(parameter.name) && parameter.name.length <= 100,
  );
  const header =
    headers.find((parameter) => /256/.test(parameter.name)) ??
    headers.find((parameter) => /sha-?256|hmac/i.test(`${parameter.example ?? ''} ${parameter.description ?? ''}`));
  if (!header) return {};
  const said = `${header.example ?? ''} ${header.description ?? ''}`;
  const prefix = /^sha256=/i.exec(header.example ?? '')?.[0];
  return {
    signature: {
      header: header.name,
      algorithm: 'sha256',
      encoding: /base64/i.test(said) ? 'base64' : 'hex',
      ...(prefix ? { prefix } : {}),
    },
  };
}
