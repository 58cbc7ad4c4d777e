import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server.js';
import { createTestContext, ORIGIN, type TestContext } from '../test/context.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('../test/openapi-client/client-calls.ts', import.meta.url));

let t: TestContext;
let server: RunningServer;
let folder: string;
let calls: string;
beforeAll(async () => {
  t = await createTestContext();
  server = await startServer(t.app, { port: 0 });
  // Under the package (in its ignored .tmp/), so the client program resolves openapi-fetch as users' code does.
  await mkdir(join(packageRoot, '.tmp'), { recursive: true });
  folder = await mkdtemp(join(packageRoot, '.tmp', 'openapi-client-'));
  const document = await (await fetch(`${server.url}/v1/openapi.json`)).json();
  // Request bodies mark their defaults (`ttlSeconds: 1800`) as optional, the way the server reads them; responses
  // list every field they always have as required, so defaults need no special treatment there.
  const types = await openapiTS(document, { defaultNonNullable: false });
  await writeFile(join(folder, 'schema.d.ts'), astToString(types));
  calls = join(folder, 'client-calls.ts');
  await copyFile(fixture, calls);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
  await rm(folder, { recursive: true, force: true });
});

function typeErrors(file: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageRoot, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  const program = ts.createProgram([file], { ...config?.options, noEmit: true, rootDir: folder });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('a client generated with openapi-typescript', () => {
  it('type-checks a program that calls the API, and catches the mistakes it makes on purpose', () => {
    // The program marks each deliberate mistake with @ts-expect-error: were the generated types too loose to
    // see one, tsc would report the unused directive.
    expect(typeErrors(calls)).toEqual([]);
  }, 60_000);

  it('calls real routes on a running server with openapi-fetch and reads typed answers', async () => {
    const { organization, secretKey } = await t.createOrganization();
    expect(organization.id).toBeDefined();
    // Imported from the copy beside its generated types; the server's own type-check leaves that program out.
    const { clientCalls } = (await import(pathToFileURL(calls).href)) as {
      clientCalls(baseUrl: string, secretKey: string, origin: string): Promise<unknown>;
    };
    expect(await clientCalls(server.url, secretKey, ORIGIN)).toEqual({
      created: { slug: 'acme-crm', name: 'Acme CRM' },
      listed: ['acme-crm'],
      missing: { status: 404, code: 'not_found' },
      invalid: { status: 400, code: 'validation_failed', paths: ['ttlSeconds'] },
      sessionConnectors: ['acme-crm'],
    });
  });
});
