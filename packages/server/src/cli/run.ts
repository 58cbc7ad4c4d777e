import { parseArgs } from 'node:util';
import { connectSessionCreateSchema, memberCreateSchema, organizationUpdateSchema } from '@plugboard/shared';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { loadKeyring } from '../crypto/keyring.js';
import { hashSecret } from '../crypto/tokens.js';
import { seedDemo } from '../demo/seed.js';
import { ApiError } from '../http/api-error.js';
import { parseWith } from '../http/validation.js';
import { jsonLogger, silentLogger } from '../logger.js';
import { startServer } from '../server.js';
import type { ServiceDeps } from '../services/deps.js';
import { createMember, createOrganization } from '../services/organizations.js';
import { presentMember, presentOrganization } from '../services/presenters.js';
import { createConnectSession } from '../services/sessions.js';
import { openStore } from '../storage/open-store.js';

/** Where the CLI writes: JSON results to `out`, JSON errors and notes to `err`. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const HELP = `Usage: plugboard <command> [options]   (every command prints JSON)

  serve                                   Start the API on PORT (default 4400)
  migrate                                 Create or upgrade the database schema
  org create --name N [--origin O]... [--owner-email E --owner-name N]
                                          Create an organization; prints its secret key once
  member create --org ID --email E --name N [--external-id X]
  session create --tenant T --user U [--secret-key K] [--ttl SECONDS] [--connector C]...
                                          Mint a connect session (or set PLUGBOARD_SECRET_KEY)
  seed-demo [--origin O]...               Create or refresh the demo organization

Environment: PORT, HOST, PLUGBOARD_DATABASE_URL, PLUGBOARD_DATA_DIR, PLUGBOARD_MASTER_KEY.`;

const options = {
  name: { type: 'string' },
  origin: { type: 'string', multiple: true },
  org: { type: 'string' },
  'owner-email': { type: 'string' },
  'owner-name': { type: 'string' },
  email: { type: 'string' },
  'external-id': { type: 'string' },
  tenant: { type: 'string' },
  user: { type: 'string' },
  'secret-key': { type: 'string' },
  ttl: { type: 'string' },
  connector: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

async function withDeps<T>(env: NodeJS.ProcessEnv, work: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const store = await openStore(config.databaseUrl);
  try {
    const keyring = await loadKeyring({
      env,
      dataDir: config.dataDir,
      generateIfMissing: env.NODE_ENV !== 'production',
    });
    return await work({ store, keyring, logger: silentLogger, now: () => new Date() });
  } finally {
    await store.close();
  }
}

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

async function organizationFromKey(deps: ServiceDeps, secretKey: string | undefined) {
  const apiKey = secretKey ? await deps.store.findApiKeyByHash(hashSecret(secretKey)) : undefined;
  const organization = apiKey && (await deps.store.getOrganization(apiKey.organizationId));
  if (!organization) throw new Error('Give a valid secret key with --secret-key or PLUGBOARD_SECRET_KEY');
  return organization;
}

const commands: Record<string, (values: Values, env: NodeJS.ProcessEnv, io: CliIo) => Promise<unknown>> = {
  migrate: (_, env) => withDeps(env, async () => ({ migrated: true })),
  'org create': (values, env) =>
    withDeps(env, async (deps) => {
      const input = parseWith(organizationUpdateSchema.required({ name: true }), {
        name: values.name,
        allowedOrigins: values.origin ?? [],
      });
      const owner = values['owner-email']
        ? parseWith(memberCreateSchema, { email: values['owner-email'], name: values['owner-name'] ?? 'Owner' })
        : undefined;
      const { organization, apiKey } = await createOrganization(deps, { ...input, owner });
      return { organization: presentOrganization(organization), secretKey: apiKey.secret };
    }),
  'member create': (values, env) =>
    withDeps(env, async (deps) => {
      const organization = values.org ? await deps.store.getOrganization(values.org) : undefined;
      if (!organization) throw new Error(`No organization ${values.org ?? '(give --org)'}`);
      const input = parseWith(memberCreateSchema, {
        email: values.email,
        name: values.name,
        externalId: values['external-id'],
      });
      return presentMember(await createMember(deps, organization.id, input));
    }),
  'session create': (values, env) =>
    withDeps(env, async (deps) => {
      const organization = await organizationFromKey(deps, values['secret-key'] ?? env.PLUGBOARD_SECRET_KEY);
      const input = parseWith(connectSessionCreateSchema, {
        tenantId: values.tenant,
        endUserId: values.user,
        ...(values.ttl ? { ttlSeconds: Number(values.ttl) } : {}),
        ...(values.connector ? { allowedConnectors: values.connector } : {}),
      });
      return createConnectSession(deps, organization, input);
    }),
  'seed-demo': (values, env) =>
    withDeps(env, async ({ store, keyring }) => seedDemo(store, keyring, { allowedOrigins: values.origin ?? [] })),
  serve: async (_, env, io) => {
    const config = loadConfig(env);
    const store = await openStore(config.databaseUrl);
    const keyring = await loadKeyring({
      env,
      dataDir: config.dataDir,
      generateIfMissing: env.NODE_ENV !== 'production',
    });
    const app = createApp({
      store,
      keyring,
      logger: jsonLogger,
      backgroundRefreshMs: 60_000,
      ...(env.PLUGBOARD_PUBLIC_URL ? { publicUrl: env.PLUGBOARD_PUBLIC_URL } : {}),
    });
    const server = await startServer(app, {
      port: config.port,
      hostname: config.host,
    });
    io.err(`Plugboard API listening on ${server.url}`);
    return new Promise(() => {});
  },
};

function describe(error: unknown) {
  if (error instanceof ApiError) return error.toBody().error;
  return { code: 'cli_error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs one CLI command. Returns the exit code; results and errors are written as JSON through `io`.
 *
 * @example
 * ```ts
 * await run(['org', 'create', '--name', 'Acme'], process.env, { out: console.log, err: console.error });
 * ```
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
    const name = positionals.join(' ');
    const command = commands[name];
    if (values.help || !command) {
      (values.help || name === '' ? io.out : io.err)(
        name && !values.help ? `Unknown command "${name}"\n\n${HELP}` : HELP,
      );
      return values.help || name === '' ? 0 : 1;
    }
    io.out(JSON.stringify(await command(values, env, io), null, 2));
    return 0;
  } catch (error) {
    io.err(JSON.stringify({ error: describe(error) }, null, 2));
    return 1;
  }
}
