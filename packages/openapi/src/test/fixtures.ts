import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const examplesRoot = dirname(require.resolve('@readme/oas-examples/package.json'));
const galaxyDist = dirname(require.resolve('@scalar/galaxy/3.1.json'));

/** The text of one `@readme/oas-examples` spec, e.g. `example('3.0/json/petstore.json')`. */
export function example(path: string): string {
  return readFileSync(join(examplesRoot, path), 'utf8');
}

/** Every `@readme/oas-examples` spec of a version and format, as `[relative path, text]`. */
export function examples(version: '2.0' | '3.0' | '3.1', format: 'json' | 'yaml'): [string, string][] {
  const dir = join(examplesRoot, version, format);
  return readdirSync(dir)
    .filter((file) => file.endsWith(`.${format}`))
    .map((file) => [`${version}/${format}/${file}`, readFileSync(join(dir, file), 'utf8')]);
}

/** The Scalar Galaxy spec (OpenAPI 3.1), as JSON or YAML text. */
export function galaxy(format: 'json' | 'yaml'): string {
  return readFileSync(join(galaxyDist, `3.1.${format}`), 'utf8');
}

/** A minimal OpenAPI 3.1 document around the given parts. */
export function openapi(parts: Record<string, unknown>, version = '3.1.0'): Record<string, unknown> {
  return {
    openapi: version,
    info: { title: 'Edge API', version: '1' },
    servers: [{ url: 'https://api.edge.test' }],
    paths: {},
    ...parts,
  };
}
