import {
  type AuthMethod,
  type Connector,
  type Creator,
  type connectorCreateSchema,
  type connectorUpdateSchema,
  ErrorCode,
  type EventDefinition,
  fillUrlTemplate,
  slugify,
  type TemplatedUrls,
  variableUsageIssues,
} from '@plugboard/shared';
import type { ConnectorVariable } from '@plugboard/shared/types';
import type { z } from 'zod';
import { inputSchemaProblem } from '../actions/input-validator.js';
import { sealClientSecret } from '../crypto/credential-cipher.js';
import { newId } from '../crypto/tokens.js';
import { ApiError } from '../http/api-error.js';
import type {
  ConnectorRecord,
  ConnectorScope,
  ConnectorSummaryRecord,
  MemberRecord,
  OrganizationRecord,
  SessionRecord,
} from '../storage/store.js';
import type { ServiceDeps } from './deps.js';
import { blockedEndpoint, INSECURE_ENDPOINT_MESSAGE, insecureEndpoint } from './oauth-client.js';

type ParsedAuthMethod = z.output<typeof connectorCreateSchema>['authMethods'][number];

/**
 * Gives each method an id and settles the default: the marked one, else the first. Methods of a kind the
 * connector already had keep their ids, so connections made with them stay attached. OAuth client secrets
 * are taken out here: they are stored encrypted on their own (see {@link saveClientSecrets}).
 */
function settleAuthMethods(inputs: ParsedAuthMethod[], previous: AuthMethod[] = []): AuthMethod[] {
  const unused = [...previous];
  const defaultIndex = Math.max(
    inputs.findIndex((method) => method.isDefault),
    0,
  );
  return inputs.map((input, index) => {
    const reuse = unused.findIndex((method) => method.kind === input.kind);
    const kept = reuse >= 0 ? (unused.splice(reuse, 1)[0] as AuthMethod) : undefined;
    const settled = { ...input, id: kept?.id ?? newId('am'), isDefault: index === defaultIndex };
    if (settled.kind !== 'oauth2') return settled as AuthMethod;
    const { clientSecret, ...method } = settled;
    const hadSecret = kept?.kind === 'oauth2' && kept.hasClientSecret;
    return { ...method, hasClientSecret: clientSecret !== undefined || hadSecret } as AuthMethod;
  });
}

/**
 * Managed apps named by OAuth methods must belong to the organization, custom methods must name a
 * registered handler, and OAuth endpoints must pass the egress policy. @throws ApiError 400
 */
async function checkMethodReferences(
  deps: ServiceDeps,
  organizationId: string,
  inputs: ParsedAuthMethod[],
  variables: readonly ConnectorVariable[],
) {
  // Templated endpoints are judged as the variables' examples fill them; each end user's values are checked again.
  const examples = Object.fromEntries(variables.map((variable) => [variable.name, variable.example]));
  for (const [index, declared] of inputs.entries()) {
    const input = declared.kind === 'oauth2' ? exampleFilled(declared, examples) : declared;
    const insecure = input.kind === 'oauth2' ? insecureEndpoint(deps, input) : undefined;
    if (insecure) {
      // Saved, it could never start a flow: refuse it here, on the field, rather than at the first sign-in.
      throw ApiError.validation([{ path: `authMethods.${index}.${insecure}`, message: INSECURE_ENDPOINT_MESSAGE }]);
    }
    const blocked = input.kind === 'oauth2' ? await blockedEndpoint(deps, input) : undefined;
    if (blocked) {
      throw ApiError.validation([{ path: `authMethods.${index}.${blocked.field}`, message: blocked.decision.message }]);
    }
    if (input.kind === 'custom' && !Object.hasOwn(deps.customAuth ?? {}, input.handler)) {
      throw ApiError.validation([
        { path: `authMethods.${index}.handler`, message: `No custom auth handler "${input.handler}" is registered` },
      ]);
    }
    if (input.kind !== 'oauth2' || !input.managedAppId) continue;
    const app = await deps.store.getOAuthApp(input.managedAppId);
    if (!app || app.organizationId !== organizationId) {
      throw ApiError.validation([{ path: `authMethods.${index}.managedAppId`, message: 'No such managed OAuth app' }]);
    }
  }
}

function exampleFilled<M extends Extract<ParsedAuthMethod, { kind: 'oauth2' }>>(
  method: M,
  examples: Record<string, string>,
): M {
  const fill = (url: string) => {
    const filled = fillUrlTemplate(url, examples);
    return filled.ok ? filled.url : url;
  };
  const revocation = method.revocationUrl ? { revocationUrl: fill(method.revocationUrl) } : {};
  return { ...method, authorizationUrl: fill(method.authorizationUrl), tokenUrl: fill(method.tokenUrl), ...revocation };
}

/** Every placeholder of the connector's URLs is a declared variable, and every variable is used. @throws ApiError 400 */
function checkVariableUsage(connector: TemplatedUrls, variables: readonly ConnectorVariable[]) {
  const issues = variableUsageIssues(connector, variables);
  if (issues.length > 0) throw ApiError.validation(issues);
}

/** Encrypts and stores the client secrets given for OAuth methods; drops those of removed methods. */
async function saveClientSecrets(deps: ServiceDeps, record: ConnectorRecord, inputs: ParsedAuthMethod[]) {
  for (const [index, input] of inputs.entries()) {
    const method = record.authMethods[index];
    if (input.kind !== 'oauth2' || input.clientSecret === undefined || !method) continue;
    const owner = { organizationId: record.organizationId, connectorId: record.id, authMethodId: method.id };
    const sealed = sealClientSecret(deps.keyring, owner, input.clientSecret);
    await deps.store.putConnectorSecret({ connectorId: record.id, authMethodId: method.id, ...sealed });
  }
  await deps.store.pruneConnectorSecrets(
    record.id,
    record.authMethods.map((method) => method.id),
  );
}

/** Who created each connector of a listing, by member id: looked up once for the whole listing. */
export type Creators = ReadonlyMap<string, Creator>;

/** A creator as listings name it: a member that is gone is `Unknown`. */
export const creatorFrom = (id: string, member: Pick<MemberRecord, 'name' | 'externalId'> | undefined): Creator => ({
  id,
  name: member?.name ?? 'Unknown',
  externalId: member?.externalId ?? null,
});

/** The creators of `records`, in one query. */
export async function creatorsOf(deps: ServiceDeps, records: readonly ConnectorSummaryRecord[]): Promise<Creators> {
  const members = await deps.store.getMembers([...new Set(records.map((record) => record.createdBy))]);
  const byId = new Map(members.map((member) => [member.id, member]));
  return new Map(records.map(({ createdBy: id }) => [id, creatorFrom(id, byId.get(id))]));
}

async function creatorOf(deps: ServiceDeps, record: ConnectorSummaryRecord, creators?: Creators): Promise<Creator> {
  return creators?.get(record.createdBy) ?? creatorFrom(record.createdBy, await deps.store.getMember(record.createdBy));
}

/** What a listing fetches once for all its connectors, instead of once per connector. */
export interface ConnectorListing {
  /** Connection counts of the viewing organization, by connector id. */
  counts?: Map<string, number>;
  creators?: Creators;
  /** Event definitions by connector id. */
  events?: Map<string, EventDefinition[]>;
}

/**
 * The admin view of a connector, as seen by one organization, with that organization's connection count.
 * Listings pass a {@link ConnectorListing}.
 */
export async function presentConnector(
  deps: ServiceDeps,
  record: ConnectorRecord,
  viewer: string,
  listing: ConnectorListing = {},
): Promise<Connector> {
  const { counts, creators } = listing;
  const {
    organizationId,
    id,
    slug,
    name,
    description,
    domain,
    visibility,
    iconUrl,
    authMethods,
    apiBaseUrl,
    actions,
    createdAt,
    updatedAt,
    variables = [],
  } = record;
  const createdBy = await creatorOf(deps, record, creators);
  const editable = organizationId === viewer;
  const connectionCount = (counts ?? (await deps.store.countConnections(viewer))).get(id) ?? 0;
  const events = listing.events ? (listing.events.get(id) ?? []) : await deps.store.getConnectorEvents(id);
  return {
    events,
    ...{ id, organizationId, slug, name, description, domain, visibility, iconUrl, authMethods, createdBy, editable },
    ...{ connectionCount, createdAt, updatedAt, apiBaseUrl, variables, actions },
  };
}

async function uniqueSlug(
  deps: ServiceDeps,
  organizationId: string,
  wanted: string | undefined,
  name: string,
  self?: string,
) {
  const taken = async (slug: string) => {
    const existing = await deps.store.findConnectorBySlug(organizationId, slug);
    return existing !== undefined && existing.id !== self;
  };
  if (wanted) {
    if (await taken(wanted))
      throw new ApiError(409, ErrorCode.SlugTaken, `Another connector already uses the slug "${wanted}"`);
    return wanted;
  }
  const base = slugify(name) || 'connector';
  let slug = base;
  for (let n = 2; await taken(slug); n++) slug = `${base.slice(0, 60)}-${n}`;
  return slug;
}

/** Every polling event must name an action the connector has. @throws ApiError 400 validation_failed */
function checkPolledActions(events: EventDefinition[], actions: Array<{ key: string }>) {
  const keys = new Set(actions.map((action) => action.key));
  const issues = events.flatMap((event, index) =>
    event.delivery.kind === 'polling' && !keys.has(event.delivery.action)
      ? [{ path: `events.${index}.delivery.action`, message: `No action "${event.delivery.action}" to poll` }]
      : [],
  );
  if (issues.length > 0) throw ApiError.validation(issues);
}

/** Every action's input must be a JSON Schema the runner can use. @throws ApiError 400 validation_failed */
function checkActionInputs(actions: Array<{ input: Record<string, unknown> }>) {
  const issues = actions.flatMap((action, index) => {
    const problem = inputSchemaProblem(action.input);
    return problem ? [{ path: `actions.${index}.input`, message: problem }] : [];
  });
  if (issues.length > 0) throw ApiError.validation(issues);
}

/** Creates a connector for an organization. */
export async function createConnector(
  deps: ServiceDeps,
  organization: OrganizationRecord,
  input: z.output<typeof connectorCreateSchema>,
): Promise<ConnectorRecord> {
  const members = await deps.store.listMembers(organization.id);
  const creator = input.createdBy ? members.find((member) => member.id === input.createdBy) : members[0];
  if (!creator) {
    const message = input.createdBy ? 'is not a member of this organization' : 'add a member first: none exists';
    throw ApiError.validation([
      { path: 'createdBy', message: input.createdBy ? `${input.createdBy} ${message}` : message },
    ]);
  }
  const now = deps.now().toISOString();
  checkVariableUsage({ apiBaseUrl: input.apiBaseUrl, authMethods: input.authMethods }, input.variables);
  await checkMethodReferences(deps, organization.id, input.authMethods, input.variables);
  checkPolledActions(input.events, input.actions);
  checkActionInputs(input.actions);
  const record: ConnectorRecord = {
    id: newId('ctr'),
    organizationId: organization.id,
    slug: await uniqueSlug(deps, organization.id, input.slug, input.name),
    name: input.name,
    description: input.description,
    domain: input.domain ?? null,
    visibility: input.visibility,
    iconUrl: input.iconUrl ?? null,
    authMethods: settleAuthMethods(input.authMethods),
    apiBaseUrl: input.apiBaseUrl ?? null,
    variables: input.variables,
    actions: input.actions,
    createdBy: creator.id,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.createConnector(record);
  await saveClientSecrets(deps, record, input.authMethods);
  if (input.events.length > 0) await deps.store.putConnectorEvents(record.id, input.events);
  return record;
}

/**
 * Finds a connector an organization can see by id or slug: its own first, then public ones of others.
 * @throws ApiError 404
 */
export async function findVisibleConnector(deps: ServiceDeps, organizationId: string, idOrSlug: string) {
  const byId = await deps.store.getConnector(idOrSlug);
  const record = byId ?? (await deps.store.findConnectorBySlug(organizationId, idOrSlug));
  if (!record || (record.organizationId !== organizationId && record.visibility !== 'public')) {
    throw ApiError.notFound(`Connector ${idOrSlug}`);
  }
  return record;
}

/** Finds a connector the organization owns and may change. @throws ApiError 403 for others' public connectors */
export async function findOwnedConnector(deps: ServiceDeps, organizationId: string, idOrSlug: string) {
  const record = await findVisibleConnector(deps, organizationId, idOrSlug);
  if (record.organizationId !== organizationId) {
    throw new ApiError(
      403,
      ErrorCode.Forbidden,
      `Connector ${idOrSlug} belongs to another organization and is read-only`,
    );
  }
  return record;
}

/** Applies a partial update to an owned connector. */
export async function updateConnector(
  deps: ServiceDeps,
  record: ConnectorRecord,
  patch: z.output<typeof connectorUpdateSchema>,
): Promise<ConnectorRecord> {
  const name = patch.name ?? record.name;
  const slug =
    patch.slug !== undefined ? await uniqueSlug(deps, record.organizationId, patch.slug, name, record.id) : record.slug;
  const variables = patch.variables ?? record.variables ?? [];
  const apiBaseUrl = patch.apiBaseUrl === undefined ? record.apiBaseUrl : patch.apiBaseUrl;
  checkVariableUsage({ apiBaseUrl, authMethods: patch.authMethods ?? record.authMethods }, variables);
  if (patch.authMethods) await checkMethodReferences(deps, record.organizationId, patch.authMethods, variables);
  if (patch.actions) checkActionInputs(patch.actions);
  if (patch.events || patch.actions) {
    checkPolledActions(
      patch.events ?? (await deps.store.getConnectorEvents(record.id)),
      patch.actions ?? record.actions,
    );
  }
  const updated: ConnectorRecord = {
    ...record,
    name,
    slug,
    description: patch.description ?? record.description,
    domain: patch.domain === undefined ? record.domain : patch.domain,
    visibility: patch.visibility ?? record.visibility,
    iconUrl: patch.iconUrl === undefined ? record.iconUrl : patch.iconUrl,
    authMethods: patch.authMethods ? settleAuthMethods(patch.authMethods, record.authMethods) : record.authMethods,
    apiBaseUrl,
    variables,
    actions: patch.actions ?? record.actions,
    updatedAt: deps.now().toISOString(),
  };
  await deps.store.updateConnector(updated);
  if (patch.authMethods) await saveClientSecrets(deps, updated, patch.authMethods);
  if (patch.events) await deps.store.putConnectorEvents(updated.id, patch.events);
  return updated;
}

/** Lists what an organization sees, in pages. */
export function listConnectors(
  deps: ServiceDeps,
  organizationId: string,
  scope: ConnectorScope,
  page: { limit: number; cursor?: string | undefined },
) {
  return deps.store.listConnectors(organizationId, scope, page);
}

/** Connectors a session may use: its organization's, plus others' public ones it names, narrowed to its list. */
export function sessionConnectors(deps: ServiceDeps, session: SessionRecord): Promise<ConnectorSummaryRecord[]> {
  return deps.store.listUsableConnectors(session.organizationId, session.allowedConnectors);
}

/** The auth method a connection uses: the one asked for, else the connector's default. */
export function pickAuthMethod(record: ConnectorSummaryRecord, authMethodId: string | undefined): AuthMethod {
  const method = authMethodId
    ? record.authMethods.find((candidate) => candidate.id === authMethodId)
    : record.authMethods.find((candidate) => candidate.isDefault);
  if (!method) {
    throw ApiError.validation([{ path: 'authMethodId', message: `${record.name} has no auth method ${authMethodId}` }]);
  }
  return method;
}
