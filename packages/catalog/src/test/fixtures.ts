import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Provider } from '../types.js';

/** The slugs of the files under `src/providers/`, which the index must list one for one. */
export const providerFileSlugs: readonly string[] = readdirSync(fileURLToPath(new URL('../providers', import.meta.url)))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

/** The example value of each of a provider's placeholders. */
export function exampleVariables(provider: Provider): Record<string, string> {
  return Object.fromEntries(
    Object.entries(provider.variables ?? {}).map(([name, variable]) => [name, variable.example]),
  );
}

/** Every URL of a provider, with where it sits, for the https and placeholder checks. */
export function providerUrls(provider: Provider): Array<[where: string, url: string]> {
  const urls: Array<[string, string]> = [
    ['iconUrl', provider.iconUrl],
    ['docsUrl', provider.docsUrl],
    ['apiBaseUrl', provider.apiBaseUrl],
  ];
  if (provider.openApiUrl) urls.push(['openApiUrl', provider.openApiUrl]);
  for (const [index, method] of provider.authMethods.entries()) {
    if (method.kind !== 'oauth2') continue;
    urls.push([`authMethods[${index}].authorizationUrl`, method.authorizationUrl]);
    urls.push([`authMethods[${index}].tokenUrl`, method.tokenUrl]);
    if (method.revocationUrl) urls.push([`authMethods[${index}].revocationUrl`, method.revocationUrl]);
  }
  return urls;
}
