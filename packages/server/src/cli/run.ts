import { parseArgs } from 'node:util';
import {
  connectSessionCreateSchema,
  memberCreateSchema,
  memberPasswordSchema,
  organizationUpdateSchema,
} from '@plugboard/shared';
import { loadConfig } from '../config.js';
import { hashSecret } from '../crypto/tokens.js';
import { loadDemoPassword } from '../demo/console-password.js';
import { seedDemo } from '../demo/seed.js';
import { parseWith } from '../http/validation.js';
import { silentLogger } from '../logger.js';
import { setMemberPassword } from '../services/console.js';
import type { ServiceDeps } from '../services/deps.js';
import { DomainError } from '../services/domain-error.js';
import { rotateKeys } from '../services/key-rotation.js';
import { createMember, createOrganization } from '../services/organizations.js';
import { presentMember, presentOrganization } from '../services/presenters.js';
import { createConnectSession } from '../services/sessions.js';
import { openAndMigrate } from '../storage/open-store.js';
import { environmentHelp } from './environment.js';
import { openRuntime } from './open-runtime.js';
import { serveCommand, workerCommand } from './serve.js';

/** Where the CLI writes: JSON results to `out`, JSON errors and notes to `err`. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads all of standard input, for `--password-stdin`. */
  readStdin?(): Promise<string>;
  /**
   * Aborted when the process is told to stop (SIGTERM, SIGINT; the reason names the signal): `serve` and `worker`
   * then shut down gracefully and return. Without it they run until the process ends.
   */
  shutdown?: AbortSignal;
}

const HELP = `Usage: plugboard <command> [options]   (every command prints JSON)

  serve [--no-workers]                    Start the API on PORT (default 4400), with the widget bundle
                                          at /widget/plugboard-connect.js, and the background workers
                                          (deliveries, polling, retention, token refresh); --no-workers
                                          runs an API-only replica. SIGTERM or SIGINT stops it gracefully:
                                          requests in flight finish (up to 10 s), workers end their round
  worker                                  Run the background workers only, no HTTP; SIGTERM/SIGINT stops them
  migrate                                 Create or upgrade the database schema (serve also does, at start);
                                          replicas starting together migrate once; prints the version
  org create --name N [--origin O]... [--owner-email E --owner-name N]
                                          Create an organization; prints its secret key once
  member create --org ID --email E --name N [--external-id X] [--password-stdin]
                                          Add a member; with a password (from stdin, or
                                          PLUGBOARD_MEMBER_PASSWORD) they can sign in to the console
  member set-password --org ID --email E [--password-stdin]
                                          Set a member's console password; ends their console sessions
  session create --tenant T --user U [--secret-key K] [--ttl SECONDS] [--connector C]...
                                          Mint a connect session (or set PLUGBOARD_SECRET_KEY)
  keys rotate [--batch-size N]            Re-encrypt every stored secret under the current key (the first of
                                          PLUGBOARD_MASTER_KEY); prints counts. Then older keys can go
  seed-demo [--origin O]...               Create or refresh the demo organization; its console member
                                          signs in with PLUGBOARD_DEMO_PASSWORD or <data dir>/demo-password

From the repository: npm run -s plugboard -- <command> [options]

${environmentHelp()}`;

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
  'password-stdin': { type: 'boolean' },
  'batch-size': { type: 'string' },
  'no-workers': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs `work` on the CLI's runtime (without its workers), then closes the store. */
async function withDeps<T>(env: NodeJS.ProcessEnv, work: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(env, { logger: silentLogger, workers: false });
  try {
    return await work(runtime.deps);
  } finally {
    await runtime.close();
  }
}

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

async function organizationById(deps: ServiceDeps, id: string | undefined) {
  const organization = id ? await deps.store.getOrganization(id) : undefined;
  if (!organization) throw new Error(`No organization ${id ?? '(give --org)'}`);
  return organization;
}

/**
 * A console password from standard input (`--password-stdin`, one trailing newline dropped) or the
 * environment: never from an argument, which other users of the machine could read in the process list.
 */
async function readPassword(values: Values, env: NodeJS.ProcessEnv, io: CliIo, required: boolean) {
  let password: string | undefined;
  if (values['password-stdin']) {
    if (!io.readStdin) throw new Error('Standard input cannot be read here');
    password = (await io.readStdin()).replace(/\r?\n$/, '');
  } else password = env.PLUGBOARD_MEMBER_PASSWORD || undefined;
  if (password === undefined) {
    if (required)
      throw new Error('Give the password on standard input with --password-stdin, or in PLUGBOARD_MEMBER_PASSWORD');
    return undefined;
  }
  return parseWith(memberPasswordSchema, password, 'password');
}

async function organizationFromKey(deps: ServiceDeps, secretKey: string | undefined) {
  const apiKey = secretKey ? await deps.store.findApiKeyByHash(hashSecret(secretKey)) : undefined;
  const organization = apiKey && (await deps.store.getOrganization(apiKey.organizationId));
  if (!organization) throw new Error('Give a valid secret key with --secret-key or PLUGBOARD_SECRET_KEY');
  return organization;
}

const commands: Record<string, (values: Values, env: NodeJS.ProcessEnv, io: CliIo) => Promise<unknown>> = {
  migrate: async (_, env) => {
    const config = loadConfig(env);
    const { store, migration } = await openAndMigrate(config.databaseUrl, { poolSize: config.databasePoolSize });
    await store.close();
    return { migrated: true, version: migration.version, applied: migration.applied };
  },
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
  'member create': async (values, env, io) => {
    const password = await readPassword(values, env, io, false);
    return withDeps(env, async (deps) => {
      const organization = await organizationById(deps, values.org);
      const input = parseWith(memberCreateSchema, {
        email: values.email,
        name: values.name,
        externalId: values['external-id'],
      });
      const member = await createMember(deps, organization.id, input);
      if (password !== undefined) await setMemberPassword(deps, member, password);
      return { ...presentMember(member), canSignIn: password !== undefined };
    });
  },
  'member set-password': async (values, env, io) => {
    const password = (await readPassword(values, env, io, true)) as string;
    return withDeps(env, async (deps) => {
      const organization = await organizationById(deps, values.org);
      const members = await deps.store.listMembers(organization.id);
      const member = members.find((candidate) => candidate.email.toLowerCase() === values.email?.toLowerCase());
      if (!member) throw new Error(`No member ${values.email ?? '(give --email)'} in ${organization.id}`);
      await setMemberPassword(deps, member, password);
      return { ...presentMember(member), canSignIn: true };
    });
  },
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
  'keys rotate': (values, env) =>
    withDeps(env, async (deps) => {
      const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
      if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
        throw new Error(`--batch-size must be a positive whole number, not "${values['batch-size']}"`);
      return rotateKeys(deps, batchSize === undefined ? {} : { batchSize });
    }),
  'seed-demo': async (values, env) => {
    const consolePassword = await loadDemoPassword({ env, dataDir: loadConfig(env).dataDir });
    return withDeps(env, async ({ store, keyring }) => ({
      ...(await seedDemo(store, keyring, { allowedOrigins: values.origin ?? [], consolePassword })),
      consolePassword,
    }));
  },
  serve: (values, env, io) => serveCommand(env, io, { workers: !values['no-workers'] }),
  worker: (_, env, io) => workerCommand(env, io),
};

function describe(error: unknown) {
  if (DomainError.is(error)) return error.toBody().error;
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
