import type { ActionDefinitionInput, AuthMethodInput, ConnectorCreate } from '@plugboard/shared';
import { connectorCreateSchema } from '@plugboard/shared';
import type { Keyring } from '../crypto/keyring.js';
import { verifyPassword } from '../crypto/passwords.js';
import type { CustomAuthRegistry } from '../custom-auth/handler.js';
import { createEgressPolicy } from '../egress/index.js';
import { silentLogger } from '../logger.js';
import { createConnector, updateConnector } from '../services/connectors.js';
import { setMemberPassword } from '../services/console.js';
import type { ServiceDeps } from '../services/deps.js';
import { createOAuthApp, updateOAuthApp } from '../services/oauth-apps.js';
import {
  createApiKey,
  createMember,
  createOrganization,
  type OwnerInput,
  updateOrganization,
} from '../services/organizations.js';
import type { MemberRecord, OrganizationRecord, Store } from '../storage/store.js';
import { DEMO_CONSOLE_EMAIL } from './console-password.js';

/** The demo page's end user; a member too, so the connectors she created show as PERSONAL. */
export const DEMO_END_USER_ID = 'demo-user';
const DEMO_ORGANIZATION = 'Acme Demo';
const COMMUNITY_ORGANIZATION = 'Plugboard Community';

type DemoConnector = Omit<ConnectorCreate, 'createdBy' | 'authMethods'> & {
  by: 'dana' | 'sam';
  authMethods: AuthMethodInput[];
};

const demoConnectors: DemoConnector[] = [
  {
    name: 'Open-Meteo',
    domain: 'open-meteo.com',
    description: 'Free weather forecasts and historical weather data. No account needed.',
    visibility: 'public',
    iconUrl: 'https://open-meteo.com/favicon.ico',
    by: 'sam',
    authMethods: [{ kind: 'none' }],
  },
  {
    name: 'Jira Cloud',
    domain: 'atlassian.com',
    description: 'Issues, sprints and projects. Sign in with your email and an API token.',
    visibility: 'public',
    iconUrl: 'https://www.atlassian.com/favicon.ico',
    by: 'sam',
    authMethods: [{ kind: 'basic', label: 'Email and API token' }],
  },
  {
    name: 'Stripe',
    domain: 'stripe.com',
    description: 'Payments, subscriptions and invoices, with a restricted secret key.',
    visibility: 'private',
    iconUrl: 'https://stripe.com/favicon.ico',
    by: 'sam',
    authMethods: [{ kind: 'bearer', label: 'Secret key' }],
  },
  {
    name: 'SendGrid',
    domain: 'sendgrid.com',
    description: 'Transactional and marketing email.',
    visibility: 'private',
    iconUrl: 'https://sendgrid.com/favicon.ico',
    by: 'dana',
    authMethods: [{ kind: 'apiKey', in: 'header', name: 'Authorization', prefix: 'Bearer ' }],
  },
  {
    name: 'OpenWeather',
    domain: 'openweathermap.org',
    description: 'Current weather, forecasts and maps, with an API key sent as a query parameter.',
    visibility: 'public',
    iconUrl: 'https://openweathermap.org/favicon.ico',
    by: 'dana',
    authMethods: [{ kind: 'apiKey', in: 'query', name: 'appid' }],
  },
  {
    name: 'GitHub',
    domain: 'github.com',
    description: 'Repositories, issues and pull requests.',
    visibility: 'public',
    iconUrl: 'https://github.com/favicon.ico',
    by: 'sam',
    authMethods: [
      { kind: 'bearer', label: 'Personal access token', isDefault: true },
      { kind: 'basic', label: 'Username and token' },
    ],
  },
];

async function seedOrganization(deps: ServiceDeps, name: string, allowedOrigins: string[], owner: OwnerInput) {
  const existing = await deps.store.findOrganizationByName(name);
  if (existing) return { organization: await updateOrganization(deps, existing, { allowedOrigins }) };
  const { organization, owner: member } = await createOrganization(deps, { name, allowedOrigins, owner });
  return { organization, owner: member };
}

async function seedConnectors(deps: ServiceDeps, organization: OrganizationRecord, dana: MemberRecord) {
  const sam = await createMember(deps, organization.id, { email: 'sam@acme.example', name: 'Sam Builder' });
  for (const { by, ...connector } of demoConnectors) {
    const input = connectorCreateSchema.parse({ ...connector, createdBy: by === 'dana' ? dana.id : sam.id });
    await createConnector(deps, organization, input);
  }
}

/** A local OAuth 2.0 provider the demo's OAuth connector signs in with. */
export interface DemoOAuthProvider {
  /** The provider's base URL, e.g. `http://127.0.0.1:4401`. */
  url: string;
  /** The client of the connector's own OAuth app. */
  clientId: string;
  clientSecret: string;
  /** The client registered as the organization's managed OAuth app. */
  managedApp: { clientId: string; clientSecret: string };
}

/** Creates a connector, or updates the auth methods of the one with that slug (the sandbox's port may change). */
async function upsertConnector(
  deps: ServiceDeps,
  organization: OrganizationRecord,
  body: Omit<ConnectorCreate, 'createdBy'>,
) {
  const input = connectorCreateSchema.parse(body);
  const existing = await deps.store.findConnectorBySlug(organization.id, input.slug ?? '');
  if (existing) {
    const actions = body.actions ? { apiBaseUrl: input.apiBaseUrl ?? null, actions: input.actions } : {};
    return updateConnector(deps, existing, { authMethods: input.authMethods, ...actions });
  }
  const members = await deps.store.listMembers(organization.id);
  const builder = members.find((member) => member.externalId !== DEMO_END_USER_ID);
  return createConnector(deps, organization, { ...input, createdBy: builder?.id });
}

/** Actions of the sandbox's token-protected API under `/api`: `me` checks the credentials. */
const ACME_API_ACTIONS: ActionDefinitionInput[] = [
  {
    key: 'me',
    name: 'Who am I',
    description: 'The signed-in Acme user; used to check that a connection works.',
    method: 'GET',
    path: '/me',
    verify: true,
  },
  {
    key: 'list-contacts',
    name: 'List contacts',
    description: 'Every contact in the CRM.',
    method: 'GET',
    path: '/contacts',
  },
  {
    key: 'get-contact',
    name: 'Get a contact',
    description: 'One contact by id, e.g. c_1.',
    method: 'GET',
    path: '/contacts/{id}',
    input: {
      type: 'object',
      properties: { id: { type: 'string', 'x-in': 'path', description: 'Contact id', default: 'c_1' } },
      required: ['id'],
    },
  },
];

/** Actions of the sandbox's key-protected API under `/keyed`: `status` checks the key. */
const ACME_BILLING_ACTIONS: ActionDefinitionInput[] = [
  {
    key: 'status',
    name: 'Account status',
    description: 'Whether the key works.',
    method: 'GET',
    path: '/status',
    verify: true,
  },
  {
    key: 'list-invoices',
    name: 'List invoices',
    description: 'Invoices, filtered by status.',
    method: 'GET',
    path: '/invoices',
    input: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['open', 'paid'], 'x-in': 'query' } },
    },
  },
];

/** Points the demo's two OAuth connectors at the sandbox: one with its own app, one with a managed app. */
async function seedOAuthConnectors(deps: ServiceDeps, organization: OrganizationRecord, provider: DemoOAuthProvider) {
  const endpoints = {
    kind: 'oauth2' as const,
    label: 'Sign in with Acme',
    authorizationUrl: `${provider.url}/oauth/authorize`,
    tokenUrl: `${provider.url}/oauth/token`,
    revocationUrl: `${provider.url}/oauth/revoke`,
    issuer: provider.url,
  };
  await upsertConnector(deps, organization, {
    name: 'Acme CRM',
    slug: 'acme-crm',
    description: 'Contacts and deals from the Acme Sandbox, a local OAuth 2.0 provider. Sign in as demo / demo.',
    visibility: 'public',
    authMethods: [
      {
        ...endpoints,
        scopes: ['contacts', 'profile'],
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
      },
    ],
    apiBaseUrl: `${provider.url}/api`,
    actions: ACME_API_ACTIONS,
  });
  await upsertConnector(deps, organization, {
    name: 'Acme Billing',
    slug: 'acme-billing',
    description: 'Invoices from the Acme Sandbox with an API key. Use the key sbx_key_demo_4f2a9c.',
    visibility: 'public',
    authMethods: [{ kind: 'apiKey', in: 'header', name: 'X-API-Key' }],
    apiBaseUrl: `${provider.url}/keyed`,
    actions: ACME_BILLING_ACTIONS,
  });
  const apps = await deps.store.listOAuthApps(organization.id);
  const existing = apps.find((app) => app.provider === 'acme-sandbox');
  const appInput = { ...provider.managedApp, defaultScopes: ['tickets'] };
  const app = existing
    ? await updateOAuthApp(deps, existing, appInput)
    : await createOAuthApp(deps, organization.id, { provider: 'acme-sandbox', ...appInput });
  if (deps.customAuth?.['acme-login']) {
    await upsertConnector(deps, organization, {
      name: 'Acme Legacy',
      slug: 'acme-legacy',
      description: 'The old Acme API, which signs in with account, username and password (a custom auth handler).',
      visibility: 'public',
      authMethods: [{ kind: 'custom', handler: 'acme-login', label: 'Acme account' }],
      apiBaseUrl: `${provider.url}/api`,
      actions: ACME_API_ACTIONS.filter((action) => action.key === 'me'),
    });
  }
  await upsertConnector(deps, organization, {
    name: 'Acme Helpdesk',
    slug: 'acme-helpdesk',
    description: 'Support tickets from the Acme Sandbox, signing in through the organization’s managed OAuth app.',
    visibility: 'private',
    authMethods: [{ ...endpoints, managedAppId: app.id }],
  });
}

/** Creates the demo's console member "Ada Admin" once, and sets her password on every run. */
async function seedConsoleMember(deps: ServiceDeps, organization: OrganizationRecord, password: string) {
  const members = await deps.store.listMembers(organization.id);
  const ada =
    members.find((member) => member.email === DEMO_CONSOLE_EMAIL) ??
    (await createMember(deps, organization.id, { email: DEMO_CONSOLE_EMAIL, name: 'Ada Admin' }));
  const logins = await deps.store.findMemberLogins(DEMO_CONSOLE_EMAIL);
  const login = logins.find((candidate) => candidate.member.id === ada.id);
  // Rehashing an unchanged password would end her console sessions at every restart of the demo.
  if (!login || !(await verifyPassword(password, login.passwordHash))) {
    await setMemberPassword(deps, ada, password);
  }
}

/**
 * Creates (once) the demo organization "Acme Demo" with two members and a connector per non-OAuth auth kind,
 * and a second organization with one public connector. Every call issues a fresh secret key named
 * "Demo page", revoking the previous ones, and sets the demo's allowed origins. With `consolePassword`, the
 * member `admin@acme.example` ("Ada Admin") can sign in to the console with it.
 */
export async function seedDemo(
  store: Store,
  keyring: Keyring,
  {
    allowedOrigins,
    oauthProvider,
    customAuth,
    consolePassword,
  }: {
    allowedOrigins: string[];
    oauthProvider?: DemoOAuthProvider;
    customAuth?: CustomAuthRegistry;
    consolePassword?: string;
  },
) {
  const deps: ServiceDeps = {
    store,
    keyring,
    logger: silentLogger,
    now: () => new Date(),
    ...(customAuth ? { customAuth } : {}),
    // The demo's provider is a sandbox on loopback, which the egress policy blocks unless allowlisted.
    egress: createEgressPolicy({ allowHosts: oauthProvider ? [new URL(oauthProvider.url).host] : [] }),
    // And it serves plain http, which connectors may name only where the deployment allows it, as the demo's does.
    allowInsecureOAuthEndpoints: oauthProvider !== undefined,
  };
  const dana = { email: 'dana@acme.example', name: 'Dana Demo', externalId: DEMO_END_USER_ID };
  const demo = await seedOrganization(deps, DEMO_ORGANIZATION, allowedOrigins, dana);
  if (demo.owner) await seedConnectors(deps, demo.organization, demo.owner);
  const kim = { email: 'kim@community.example', name: 'Kim' };
  const community = await seedOrganization(deps, COMMUNITY_ORGANIZATION, [], kim);
  if (community.owner) {
    const author = community.owner;
    const input = connectorCreateSchema.parse({
      name: 'Hacker News',
      domain: 'ycombinator.com',
      description: 'Stories and comments from Hacker News. Public, no sign-in.',
      visibility: 'public',
      iconUrl: 'https://news.ycombinator.com/favicon.ico',
      authMethods: [{ kind: 'none' }],
      createdBy: author.id,
    });
    await createConnector(deps, community.organization, input);
  }
  if (oauthProvider) await seedOAuthConnectors(deps, demo.organization, oauthProvider);
  if (consolePassword) await seedConsoleMember(deps, demo.organization, consolePassword);
  for (const key of await store.listApiKeys(demo.organization.id)) {
    if (key.name === 'Demo page') await store.deleteApiKey(demo.organization.id, key.id);
  }
  const apiKey = await createApiKey(deps, demo.organization.id, 'Demo page');
  return {
    organization: demo.organization,
    secretKey: apiKey.secret,
    endUserId: DEMO_END_USER_ID,
    ...(consolePassword ? { consoleEmail: DEMO_CONSOLE_EMAIL } : {}),
  };
}
