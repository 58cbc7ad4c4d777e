import {
  type AuthKind,
  type AuthMethod,
  type Connector,
  type ConnectorCreate,
  type ConnectorUpdate,
  type ConnectorVariable,
  connectorCreateSchema,
  httpsUrlSchema,
  SLUG_PATTERN,
  slugify,
  type Visibility,
  variableUsageIssues,
} from '@plugboard/shared';

/** One auth method as the form holds it: every kind's settings as plain strings, so switching loses nothing typed. */
export interface MethodDraft {
  /** A key for lists and element ids; not sent. */
  key: string;
  kind: AuthKind;
  label: string;
  isDefault: boolean;
  in: 'header' | 'query';
  name: string;
  prefix: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Space- or comma-separated. */
  scopes: string;
  /** `own`: the connector's client ID and secret; `managed`: one of the organization's OAuth apps. */
  app: 'own' | 'managed';
  clientId: string;
  /** Write-only: empty keeps the stored secret when editing. */
  clientSecret: string;
  managedAppId: string;
  /** When editing: whether the server holds a secret already. */
  hasClientSecret: boolean;
  handler: string;
  /** Settings the form does not edit (PKCE, issuer, extra parameters…), kept as they were. */
  kept: Record<string, unknown>;
}

/** A connector variable as the form holds it: every field a plain string. */
export interface VariableDraft {
  /** A key for lists and element ids; not sent. */
  key: string;
  name: string;
  label: string;
  example: string;
  pattern: string;
  description: string;
}

/** The whole Create / Edit Connector form. */
export interface ConnectorDraft {
  name: string;
  slug: string;
  /** Once someone edits the slug, typing the name no longer changes it. */
  slugEdited: boolean;
  description: string;
  domain: string;
  visibility: Visibility;
  iconUrl: string;
  /** Where actions go; may hold `{name}` placeholders of `variables`. */
  apiBaseUrl: string;
  /** What each end user gives when connecting. */
  variables: VariableDraft[];
  methods: MethodDraft[];
}

let keys = 0;

/** A new auth method of a kind, with the defaults the schema would fill in. */
export function newMethod(kind: AuthKind, isDefault = false): MethodDraft {
  keys += 1;
  return {
    key: `m${keys}`,
    kind,
    label: '',
    isDefault,
    in: 'header',
    name: 'X-API-Key',
    prefix: '',
    authorizationUrl: '',
    tokenUrl: '',
    scopes: '',
    app: 'own',
    clientId: '',
    clientSecret: '',
    managedAppId: '',
    hasClientSecret: false,
    handler: '',
    kept: {},
  };
}

/** A new, empty variable. */
export function newVariable(from: Partial<ConnectorVariable> = {}): VariableDraft {
  keys += 1;
  return {
    key: `v${keys}`,
    name: from.name ?? '',
    label: from.label ?? '',
    example: from.example ?? '',
    pattern: from.pattern ?? '',
    description: from.description ?? '',
  };
}

/** An empty form. */
export const emptyDraft = (): ConnectorDraft => ({
  name: '',
  slug: '',
  slugEdited: false,
  description: '',
  domain: '',
  visibility: 'private',
  iconUrl: '',
  apiBaseUrl: '',
  variables: [],
  methods: [],
});

export function methodDraft(method: AuthMethod): MethodDraft {
  const draft = { ...newMethod(method.kind, method.isDefault), label: method.label ?? '' };
  switch (method.kind) {
    case 'apiKey':
      return { ...draft, in: method.in, name: method.name, prefix: method.prefix ?? '' };
    case 'oauth2': {
      const { authorizationUrl, tokenUrl, scopes, clientId, managedAppId, hasClientSecret } = method;
      const { id: _id, kind: _kind, label: _label, isDefault: _default, ...rest } = method;
      const {
        authorizationUrl: _a,
        tokenUrl: _t,
        scopes: _s,
        clientId: _c,
        managedAppId: _m,
        hasClientSecret: _h,
        ...kept
      } = rest;
      return {
        ...draft,
        authorizationUrl,
        tokenUrl,
        scopes: scopes.join(' '),
        app: managedAppId ? 'managed' : 'own',
        clientId: clientId ?? '',
        managedAppId: managedAppId ?? '',
        hasClientSecret,
        kept,
      };
    }
    case 'custom':
      return { ...draft, handler: method.handler };
    default:
      return draft;
  }
}

/** The form filled with a connector, for its settings page. */
export function draftFrom(connector: Connector): ConnectorDraft {
  return {
    name: connector.name,
    slug: connector.slug,
    slugEdited: true,
    description: connector.description,
    domain: connector.domain ?? '',
    visibility: connector.visibility,
    iconUrl: connector.iconUrl ?? '',
    apiBaseUrl: connector.apiBaseUrl ?? '',
    variables: (connector.variables ?? []).map(newVariable),
    methods: connector.authMethods.map(methodDraft),
  };
}

/** The name changed: the slug follows it until someone edits the slug. */
export function withName(draft: ConnectorDraft, name: string): ConnectorDraft {
  return { ...draft, name, slug: draft.slugEdited ? draft.slug : slugify(name) };
}

/** The slug was edited: it stops following the name, unless it was emptied. */
export function withSlug(draft: ConnectorDraft, slug: string): ConnectorDraft {
  return slug === ''
    ? { ...draft, slug: slugify(draft.name), slugEdited: false }
    : { ...draft, slug: slug.toLowerCase(), slugEdited: true };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
const splitScopes = (value: string) => value.split(/[\s,]+/).filter(Boolean);

export function methodInput(method: MethodDraft, index: number, methods: MethodDraft[]) {
  const hasDefault = methods.some((candidate) => candidate.isDefault);
  const common = {
    kind: method.kind,
    ...(optional(method.label) ? { label: method.label.trim() } : {}),
    // With none marked, the first is the default, as the server would settle it.
    isDefault: hasDefault ? method.isDefault : index === 0,
  };
  switch (method.kind) {
    case 'apiKey':
      return {
        ...common,
        in: method.in,
        name: method.name.trim(),
        ...(optional(method.prefix) !== undefined ? { prefix: method.prefix } : {}),
      };
    case 'oauth2':
      return {
        ...method.kept,
        ...common,
        authorizationUrl: method.authorizationUrl.trim(),
        tokenUrl: method.tokenUrl.trim(),
        scopes: splitScopes(method.scopes),
        ...(method.app === 'managed'
          ? { managedAppId: method.managedAppId }
          : {
              ...(optional(method.clientId) ? { clientId: method.clientId.trim() } : {}),
              ...(method.clientSecret ? { clientSecret: method.clientSecret } : {}),
            }),
      };
    case 'custom':
      return { ...common, handler: method.handler.trim() };
    default:
      return common;
  }
}

/** The request body the form stands for, before validation. */
export function toInput(draft: ConnectorDraft) {
  return {
    name: draft.name,
    ...(optional(draft.slug) ? { slug: draft.slug.trim() } : {}),
    description: draft.description,
    ...(optional(draft.domain) ? { domain: draft.domain.trim() } : {}),
    visibility: draft.visibility,
    ...(optional(draft.iconUrl) ? { iconUrl: draft.iconUrl.trim() } : {}),
    ...(optional(draft.apiBaseUrl) ? { apiBaseUrl: draft.apiBaseUrl.trim() } : {}),
    ...(draft.variables.length > 0 ? { variables: draft.variables.map(variableInput) } : {}),
    authMethods: draft.methods.map(methodInput),
  };
}

function variableInput(variable: VariableDraft): ConnectorVariable {
  return {
    name: variable.name.trim(),
    label: variable.label.trim(),
    example: variable.example.trim(),
    ...(optional(variable.pattern) ? { pattern: variable.pattern.trim() } : {}),
    ...(optional(variable.description) ? { description: variable.description.trim() } : {}),
  };
}

/** Field errors, keyed by the body's dotted path (`slug`, `authMethods.1.tokenUrl`…). */
export type FieldErrors = Record<string, string>;

/** Problems with the slug while it is typed: its shape, and whether another connector has it. */
export function slugProblem(slug: string, takenSlugs: readonly string[]): string | undefined {
  if (slug === '') return undefined;
  if (!SLUG_PATTERN.test(slug)) return 'Use 2-64 lowercase letters, digits and single dashes, e.g. "salesforce-crm"';
  if (takenSlugs.includes(slug)) return `Another connector already uses the slug "${slug}"`;
  return undefined;
}

/** An icon URL typed so far: fine when empty or https. */
export function iconProblem(iconUrl: string): string | undefined {
  if (iconUrl.trim() === '') return undefined;
  return httpsUrlSchema.safeParse(iconUrl.trim()).success ? undefined : 'Must be an https:// URL';
}

/** Rules the schema cannot know: an OAuth method needs a client of its own or a managed app. */
function oauthProblems(draft: ConnectorDraft): FieldErrors {
  const errors: FieldErrors = {};
  draft.methods.forEach((method, index) => {
    if (method.kind !== 'oauth2') return;
    if (method.app === 'managed' && !method.managedAppId)
      errors[`authMethods.${index}.managedAppId`] = 'Choose a managed OAuth app';
    if (method.app === 'own' && !optional(method.clientId))
      errors[`authMethods.${index}.clientId`] = 'Enter a client ID, or use a managed OAuth app';
    if (method.app === 'own' && !method.clientSecret && !method.hasClientSecret)
      errors[`authMethods.${index}.clientSecret`] = 'Enter the client secret';
  });
  return errors;
}

/**
 * Checks the whole form with the API's own `connectorCreateSchema` plus the slug's uniqueness.
 * @returns the body to send, or the errors to show beside each field
 */
export function validateDraft(
  draft: ConnectorDraft,
  takenSlugs: readonly string[],
): { ok: true; value: ConnectorCreate } | { ok: false; errors: FieldErrors } {
  const input = toInput(draft);
  const errors: FieldErrors = {};
  const parsed = connectorCreateSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  }
  const slug = slugProblem(draft.slug, takenSlugs);
  if (slug) errors.slug ??= slug;
  for (const [path, message] of Object.entries(oauthProblems(draft))) errors[path] ??= message;
  if (parsed.success) {
    for (const issue of variableUsageIssues(parsed.data, parsed.data.variables)) errors[issue.path] ??= issue.message;
  }
  return Object.keys(errors).length === 0 ? { ok: true, value: input as ConnectorCreate } : { ok: false, errors };
}

/** The PATCH body for a connector's settings: cleared optional fields become null. */
export function toUpdate(value: ConnectorCreate): ConnectorUpdate {
  return {
    name: value.name,
    ...(value.slug ? { slug: value.slug } : {}),
    description: value.description ?? '',
    domain: value.domain ?? null,
    visibility: value.visibility ?? 'private',
    iconUrl: value.iconUrl ?? null,
    apiBaseUrl: value.apiBaseUrl ?? null,
    variables: value.variables ?? [],
    authMethods: value.authMethods,
  };
}
