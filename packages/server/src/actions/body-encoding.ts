import { randomBytes } from 'node:crypto';
import { bracketPairs, encodePairs, type Pair, queryPairs, scalarText, type WireFormat } from './parameter-encoding.js';

/** One body field with its wire name and format, and the schema bits multipart needs. */
export interface BodyField {
  format: WireFormat;
  value: unknown;
  /** The property's schema says `format: binary`: sent as a file part. */
  binary: boolean;
}

/** A serialized body and the content type that names it (with its boundary for multipart). */
export interface EncodedBody {
  contentType: string;
  body: Buffer;
}

const isStructured = (value: unknown) => value !== null && typeof value === 'object';

/**
 * `application/x-www-form-urlencoded`: nested objects as `a[b]=` (how every form-encoded API with nested
 * fields reads them), arrays as the field's `style` says (`deepObject`: `a[]=`, else repeated `a=`).
 */
export function formBody(fields: BodyField[]): EncodedBody {
  const pairs: Pair[] = fields.flatMap(({ format, value }) => {
    if (Array.isArray(value) && format.style !== 'deepObject' && !value.some(isStructured))
      return queryPairs({ ...format, style: format.style ?? 'form' }, value);
    return bracketPairs(format.name, value);
  });
  return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(encodePairs(pairs)) };
}

const quoted = (text: string) => text.replace(/["\r\n\\]/g, (char) => encodeURIComponent(char));

/**
 * `multipart/form-data`: one part per field (one per item of an array of scalars), objects as JSON parts
 * (OpenAPI's default for them), `format: binary` strings as file parts named after the field.
 */
export function multipartBody(fields: BodyField[]): EncodedBody {
  const boundary = `plugboard-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  const add = (name: string, value: unknown, binary: boolean) => {
    const json = isStructured(value);
    const headers = [
      `Content-Disposition: form-data; name="${quoted(name)}"${binary ? `; filename="${quoted(name)}"` : ''}`,
      ...(json ? ['Content-Type: application/json'] : binary ? ['Content-Type: application/octet-stream'] : []),
    ];
    const text = json ? JSON.stringify(value) : scalarText(value);
    parts.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n${text}\r\n`));
  };
  for (const { format, value, binary } of fields) {
    if (Array.isArray(value) && !value.some(isStructured)) for (const item of value) add(format.name, item, binary);
    else add(format.name, value, binary);
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

/** A JSON object of the fields under their wire names. */
export function jsonBody(fields: BodyField[]): EncodedBody {
  const body = Object.fromEntries(fields.map(({ format, value }) => [format.name, value]));
  return { contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) };
}
