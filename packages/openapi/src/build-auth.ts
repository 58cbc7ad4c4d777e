import { type AuthMethodInput, MAX_SCOPES } from '@plugboard/shared';
import type { SpecDocument, SpecOperation, SpecSecurityScheme } from './model.js';
import { humanize, truncate } from './names.js';
import { pointerSegment, type SpecWarning, SpecWarningCode } from './warnings.js';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const MAX_METHODS = 10;

function absoluteUrl(url: string | undefined, base: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    const parsed = new URL(url, base);
    const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
    return web && parsed.href.length <= 2048 ? parsed.href : null;
  } catch {
    return null;
  }
}

type Converted = { method: AuthMethodInput } | { skip: string };

function convert(
  name: string,
  scheme: SpecSecurityScheme,
  base: string | undefined,
  warnings: SpecWarning[],
  pointer: string,
): Converted {
  const label = truncate(humanize(name) || name, 80);
  switch (scheme.type) {
    case 'http':
      if (scheme.scheme === 'basic') return { method: { kind: 'basic', label } };
      if (scheme.scheme === 'bearer') return { method: { kind: 'bearer', label } };
      return { skip: `HTTP "${scheme.scheme}" authentication` };
    case 'apiKey':
      if (scheme.in !== 'header' && scheme.in !== 'query')
        return { skip: `an API key in a ${scheme.in || 'missing location'}` };
      if (!HEADER_NAME.test(scheme.name) || scheme.name.length > 100)
        return { skip: `an API key named "${scheme.name}"` };
      // A key "in the Authorization header" is, on the wire, a token after `Bearer`.
      if (scheme.in === 'header' && scheme.name.toLowerCase() === 'authorization')
        return { method: { kind: 'bearer', label } };
      return { method: { kind: 'apiKey', label, in: scheme.in, name: scheme.name } };
    case 'oauth2': {
      const flow = scheme.flows.authorizationCode;
      if (!flow) {
        const flows = Object.keys(scheme.flows).join(', ') || 'no flows';
        return { skip: `OAuth 2.0 without the authorization code flow (${flows})` };
      }
      const authorizationUrl = absoluteUrl(flow.authorizationUrl, base);
      const tokenUrl = absoluteUrl(flow.tokenUrl, base);
      if (!authorizationUrl || !tokenUrl) return { skip: 'OAuth 2.0 without usable authorization and token URLs' };
      const all = Object.keys(flow.scopes).filter((scope) => scope.length > 0 && scope.length <= 200);
      if (all.length > MAX_SCOPES) {
        warnings.push({
          code: SpecWarningCode.Truncated,
          message: `${name} offers ${all.length} scopes; the first ${MAX_SCOPES} are kept`,
          pointer,
        });
      }
      return {
        method: {
          kind: 'oauth2',
          label,
          authorizationUrl,
          tokenUrl,
          scopes: all.slice(0, MAX_SCOPES),
          scopeSeparator: ' ',
        },
      };
    }
    case 'openIdConnect':
      return { skip: 'OpenID Connect discovery (add it as OAuth 2.0 by hand)' };
    default:
      return { skip: `"${scheme.raw}" security` };
  }
}

/**
 * Auth methods from the document's security schemes. The schemes its top-level `security` names come first,
 * and the first of them is the default; unsupported schemes become warnings. A spec with no usable scheme gets
 * `none` so the draft stays valid.
 */
export function buildAuthMethods(
  spec: SpecDocument,
  baseUrl: string | null,
  warnings: SpecWarning[],
): AuthMethodInput[] {
  const pointerBase = spec.version === '2.0' ? '#/securityDefinitions' : '#/components/securitySchemes';
  const required = spec.security.flatMap((requirement) => Object.keys(requirement));
  const names = [
    ...new Set([...required.filter((name) => name in spec.securitySchemes), ...Object.keys(spec.securitySchemes)]),
  ];
  const methods: AuthMethodInput[] = [];
  for (const name of names) {
    const scheme = spec.securitySchemes[name];
    if (!scheme) continue;
    const pointer = `${pointerBase}/${pointerSegment(name)}`;
    const converted = convert(name, scheme, baseUrl ?? spec.sourceUrl, warnings, pointer);
    if ('skip' in converted) {
      warnings.push({
        code: SpecWarningCode.UnsupportedAuth,
        message: `${name}: ${converted.skip} is not supported`,
        pointer,
      });
    } else if (methods.length >= MAX_METHODS) {
      warnings.push({
        code: SpecWarningCode.Truncated,
        message: `${name}: a connector holds ${MAX_METHODS} auth methods`,
        pointer,
      });
    } else {
      methods.push(converted.method);
    }
  }
  if (methods.length === 0) {
    if (names.length > 0) {
      warnings.push({
        code: SpecWarningCode.UnsupportedAuth,
        message: 'No supported security scheme: the draft uses no authentication',
      });
    }
    return [{ kind: 'none', isDefault: true }];
  }
  // API keys are bearer tokens far more often than user names: offered both, the default is bearer.
  const bearer = methods.findIndex((method) => method.kind === 'bearer');
  if (methods[0]?.kind === 'basic' && bearer > 0) methods.unshift(...methods.splice(bearer, 1));
  const [first, ...rest] = methods;
  return [{ ...(first as AuthMethodInput), isDefault: true }, ...rest];
}

/**
 * The OAuth 2.0 scopes an operation needs: those its security requirements (else the document's) name for
 * OAuth 2.0 schemes, each once.
 */
export function operationScopes(spec: SpecDocument, operation: SpecOperation): string[] {
  const scopes = new Set<string>();
  for (const requirement of operation.security ?? spec.security) {
    for (const [name, list] of Object.entries(requirement)) {
      if (spec.securitySchemes[name]?.type !== 'oauth2') continue;
      for (const scope of list) if (scope.length > 0 && scope.length <= 200) scopes.add(scope);
    }
  }
  return [...scopes].slice(0, MAX_SCOPES);
}

/** Adds to an OAuth 2.0 method the scopes operations need that its flow did not list, so the union is offered. */
export function withOperationScopes(methods: AuthMethodInput[], used: Iterable<string>): AuthMethodInput[] {
  return methods.map((method) => {
    if (method.kind !== 'oauth2') return method;
    const scopes = [...new Set([...(method.scopes ?? []), ...used])].slice(0, MAX_SCOPES);
    return { ...method, scopes };
  });
}
