// Shared fixtures for server tests: a real database of its own (a SQLite file, or a Postgres schema in the
// server-pg project), the real app, and helpers that go through the HTTP API exactly as clients do.
import type { ConnectorCreate } from '@plugboard/shared';
import { type AppOptions, createApp } from '../app.js';
import { Keyring } from '../crypto/keyring.js';
import type { Logger } from '../logger.js';
import { setMemberPassword } from '../services/console.js';
import { createMember, createOrganization as createOrganizationService } from '../services/organizations.js';
import { openStore } from '../storage/open-store.js';
import { type ContractCheck, contractCheck } from './openapi-contract.js';
import { createTestDatabase } from './test-database.js';

export const ORIGIN = 'https://app.vendor.example';

export interface RequestOptions {
  key?: string;
  body?: unknown;
  /** Sent as is, instead of `body` as JSON. */
  raw?: string;
  headers?: Record<string, string>;
  /** A console session: its cookie, and the CSRF token sent as `x-plugboard-csrf` when given. */
  console?: ConsoleCredentials;
}

/** What a console sign-in gives a browser: the cookie to send back and the CSRF token. */
export interface ConsoleCredentials {
  cookie: string;
  csrfToken?: string | undefined;
}

/** The console member tests sign in as. */
export const CONSOLE_MEMBER = { email: 'ada@vendor.example', name: 'Ada Admin', password: 'correct horse battery' };

/** A fresh server on its own database file. Call `close()` in afterEach/afterAll. */
export async function createTestContext(appOptions: Partial<AppOptions> = {}) {
  const database = await createTestDatabase();
  /** The database URL, to open a second store on the same database (another replica). */
  const databaseUrl = database.url;
  const store = await openStore(databaseUrl);
  const keyring = Keyring.generate();
  const logLines: string[] = [];
  const record = (entry: unknown) => logLines.push(JSON.stringify(entry));
  const logger: Logger = { info: record, warn: record, error: record };
  const clock = { offsetMs: 0 };
  const rounds = { delivery: 0, polling: 0, retention: 0, refresh: 0 };
  const roundWaiters = new Set<() => void>();
  const onWorkerRound: NonNullable<AppOptions['onWorkerRound']> = (worker, outcome) => {
    rounds[worker] += 1;
    for (const check of [...roundWaiters]) check();
    appOptions.onWorkerRound?.(worker, outcome);
  };
  const now = () => new Date(Date.now() + clock.offsetMs);
  const app = createApp({ store, keyring, logger, now, ...appOptions, onWorkerRound });

  /**
   * Resolves once `count` more rounds of a background worker have ended. With two, a whole round started after
   * the call (one may have been under way), so whatever that worker would do by then is done: a test can then
   * check that something did not happen without sleeping.
   */
  function workerRounds(worker: keyof typeof rounds, count = 2, timeoutMs = 10_000): Promise<void> {
    const target = rounds[worker] + count;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (rounds[worker] < target) return;
        clearTimeout(timer);
        roundWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        roundWaiters.delete(check);
        reject(new Error(`Waited for ${count} ${worker} rounds in vain: is that worker on?`));
      }, timeoutMs);
      roundWaiters.add(check);
    });
  }

  let checkContract: ContractCheck | undefined;
  async function request(method: string, path: string, options: RequestOptions = {}) {
    checkContract ??= contractCheck(await (await app.request('/v1/openapi.json')).json(), {
      logTo: process.env.PLUGBOARD_CONTRACT_LOG,
    });
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.console) {
      headers.cookie = options.console.cookie;
      if (options.console.csrfToken) headers['x-plugboard-csrf'] = options.console.csrfToken;
    }
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
    const json: any = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
    checkContract(method, path, response.status, json);
    return { status: response.status, headers: response.headers, json, text };
  }

  async function createOrganization(name = 'Vendor', allowedOrigins = [ORIGIN]) {
    const owner = { name: 'Olive Owner', email: 'olive@vendor.example', externalId: 'olive' };
    const deps = { store, keyring, logger, now: () => new Date() };
    const created = await createOrganizationService(deps, { name, allowedOrigins, owner });
    return { organization: created.organization, secretKey: created.apiKey.secret, memberId: created.owner.id };
  }

  /** Adds a member who can sign in to the console. */
  async function createConsoleMember(
    organizationId: string,
    member: Partial<typeof CONSOLE_MEMBER> & { externalId?: string } = {},
  ) {
    const { email, name, password, externalId } = { ...CONSOLE_MEMBER, ...member };
    const deps = { store, keyring, logger, now: () => new Date() };
    const record = await createMember(deps, organizationId, { email, name, ...(externalId ? { externalId } : {}) });
    await setMemberPassword(deps, record, password);
    return record;
  }

  /** Signs in through the API as the console does; returns the cookie and CSRF token with the response. */
  async function signIn(email = CONSOLE_MEMBER.email, password = CONSOLE_MEMBER.password) {
    const response = await request('POST', '/v1/console/sign-in', { body: { email, password } });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const credentials: ConsoleCredentials = { cookie, csrfToken: response.json?.csrfToken };
    return { response, console: credentials };
  }

  async function createConnector(secretKey: string, body: Partial<ConnectorCreate> = {}) {
    const response = await request('POST', '/v1/connectors', {
      key: secretKey,
      body: { name: 'Stripe', authMethods: [{ kind: 'apiKey' }], ...body },
    });
    if (response.status !== 201) throw new Error(`Connector not created: ${response.text}`);
    return response.json;
  }

  async function mintSession(secretKey: string, body: Record<string, unknown> = {}) {
    const response = await request('POST', '/v1/connect-sessions', {
      key: secretKey,
      body: { tenantId: 'tenant-a', endUserId: 'user-1', ...body },
    });
    if (response.status !== 201) throw new Error(`Session not minted: ${response.text}`);
    return response.json.token as string;
  }

  /** Everything the database stores, as bytes. */
  const databaseBytes = () => database.bytes();
  /** Runs SQL straight on the database, outside the store: to set up what only another release would write. */
  const databaseExec = (statement: string) => database.exec(statement);

  return {
    app,
    store,
    keyring,
    logLines,
    clock,
    databaseUrl,
    request,
    createOrganization,
    createConnector,
    createConsoleMember,
    signIn,
    mintSession,
    databaseBytes,
    databaseExec,
    workerRounds,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
