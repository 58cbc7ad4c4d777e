import type { ConnectorCreate } from '@plugboard/shared/types';
import type { Provider } from './types.js';

/** Options of {@link toConnectorInput}. */
export interface ToConnectorInputOptions {
  /** Values for the provider's `{name}` placeholders, e.g. `{ shop: 'acme' }` for Shopify. */
  readonly variables?: Readonly<Record<string, string>>;
}

function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? (values[name] as string) : placeholder,
  );
}

/**
 * Turns a catalog entry into the body of `POST /v1/connectors`: name, slug, description, domain, icon, base URL,
 * auth methods (the first one marked default) and actions. Placeholders in the base URL and the OAuth URLs are
 * filled from `options.variables`; ones without a value stay in and become the connector's `variables`, which
 * each end user fills in when connecting (a Shopify shop, a Zendesk subdomain).
 *
 * @param provider - a catalog entry
 * @param options - values for the provider's placeholders
 * @returns a connector draft; the member adds an OAuth client ID and secret (or a managed app) before creating it
 * @example
 * ```ts
 * import { toConnectorInput } from '@plugboard/catalog';
 * import { shopify } from '@plugboard/catalog/providers/shopify';
 *
 * await plugboard.connectors.create(toConnectorInput(shopify, { variables: { shop: 'acme' } }));
 * ```
 */
export function toConnectorInput(provider: Provider, options: ToConnectorInputOptions = {}): ConnectorCreate {
  const values = options.variables ?? {};
  return {
    name: provider.name,
    slug: provider.slug,
    description: provider.description,
    domain: provider.domain,
    iconUrl: provider.iconUrl,
    apiBaseUrl: fill(provider.apiBaseUrl, values),
    authMethods: provider.authMethods.map((method, index) => {
      const withDefault = { ...method, isDefault: index === 0 };
      if (method.kind !== 'oauth2') return withDefault;
      return {
        ...withDefault,
        kind: 'oauth2' as const,
        authorizationUrl: fill(method.authorizationUrl, values),
        tokenUrl: fill(method.tokenUrl, values),
        ...(method.revocationUrl ? { revocationUrl: fill(method.revocationUrl, values) } : {}),
      };
    }),
    ...connectorVariables(provider, values),
    actions: provider.actions.map((action) => ({ ...action })),
  };
}

function connectorVariables(provider: Provider, values: Readonly<Record<string, string>>) {
  const open = Object.entries(provider.variables ?? {}).filter(([name]) => !Object.hasOwn(values, name));
  if (open.length === 0) return {};
  return {
    variables: open.map(([name, { label, description, example, pattern }]) => ({
      name,
      label,
      example,
      description,
      ...(pattern ? { pattern } : {}),
    })),
  };
}
