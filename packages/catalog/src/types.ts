import type { ActionDefinitionInput, AuthMethodInput, EventSignature } from '@plugboard/shared/types';

/**
 * The categories the catalog groups providers by. The first eight are the ones the connector agent's
 * quick starts cover; the others hold popular APIs that fit none of them.
 */
export const PROVIDER_CATEGORIES = [
  'crm',
  'chat',
  'payments',
  'email',
  'code-hosting',
  'accounting',
  'storage',
  'e-commerce',
  'productivity',
  'project-management',
  'communications',
] as const;

/** One of {@link PROVIDER_CATEGORIES}. */
export type ProviderCategory = (typeof PROVIDER_CATEGORIES)[number];

/**
 * A `{name}` placeholder in a provider's URLs that differs per account, such as a Shopify shop or a
 * Salesforce My Domain. {@link toConnectorInput} fills it in, or declares it as a connector variable that each
 * end user fills in when connecting.
 */
export interface ProviderVariable {
  /** What the connect form calls it, e.g. "Shop". */
  readonly label: string;
  /** What the end user should enter, e.g. "Your shop's subdomain, the part before .myshopify.com". */
  readonly description: string;
  /** A value that shows the expected shape; the catalog tests validate every entry with it. */
  readonly example: string;
  /** A regular expression the whole value must match, on top of the safe default for where it sits. */
  readonly pattern?: string;
}

/**
 * How a provider treats PKCE. Plugboard always sends an S256 challenge: `required` providers refuse a
 * flow without one, `supported` ones check it, and providers that ignore it have the field left out.
 */
export type PkceSupport = 'required' | 'supported';

/**
 * One API in the catalog: what a connector needs (name, domain, icon, base URL, auth methods, actions) and
 * what the connector agent uses to go further (docs, where the OpenAPI document is published).
 *
 * Auth methods and actions are written in the exact input shapes of `POST /v1/connectors`, so an entry
 * becomes a connector draft with {@link toConnectorInput} and nothing else.
 */
export interface Provider {
  /** Unique, lowercase, dashes: also the file name under `src/providers/` and the subpath export. */
  readonly slug: string;
  /** The display name, e.g. "HubSpot". */
  readonly name: string;
  readonly category: ProviderCategory;
  /** One sentence for the connector card. */
  readonly description: string;
  /** The provider's main domain, e.g. `hubspot.com`. */
  readonly domain: string;
  /** Other names people type for it, e.g. "HubSpot CRM"; matched by {@link findProvider}. */
  readonly aliases?: readonly string[];
  /** An https URL of a square icon. */
  readonly iconUrl: string;
  /** The API reference for developers. */
  readonly docsUrl: string;
  /** Where actions are sent; may hold `{name}` placeholders listed in {@link Provider.variables}. */
  readonly apiBaseUrl: string;
  /** Placeholders used in `apiBaseUrl` or in auth method URLs. */
  readonly variables?: Readonly<Record<string, ProviderVariable>>;
  /** The first one is the default. */
  readonly authMethods: readonly AuthMethodInput[];
  /** Whether the provider honours PKCE on its OAuth 2.0 method; left out when it ignores it or when unknown. */
  readonly pkce?: PkceSupport;
  /** Where the provider publishes an OpenAPI (or Swagger 2.0) document for this API, when it does. */
  readonly openApiUrl?: string;
  /** A few core actions; at most one is marked `verify`. */
  readonly actions: readonly ActionDefinitionInput[];
  /**
   * How the provider signs the webhooks it sends, when it does with an HMAC-SHA256 Plugboard can check: a build
   * from this provider proposes the check on its webhook events, where the spec does not say.
   */
  readonly webhookSignature?: EventSignature;
}
