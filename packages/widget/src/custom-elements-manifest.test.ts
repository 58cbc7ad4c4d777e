// @vitest-environment node
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('..', import.meta.url));

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  members?: { name: string; privacy?: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

describe('the custom elements manifest', () => {
  it('is generated from the sources with every attribute, property, event, part and CSS property', async () => {
    // As the build runs it (into dist/, where package.json points; it also keeps package.json's reference).
    await promisify(execFile)(join(root, 'node_modules/.bin/cem'), ['analyze', '--quiet'], { cwd: root });
    const manifest = JSON.parse(await readFile(join(root, 'dist/custom-elements.json'), 'utf8')) as {
      modules: { declarations?: Declaration[] }[];
    };
    const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName);
    expect(element?.tagName).toBe('plugboard-connect');
    expect(element?.attributes?.map((attribute) => attribute.name).sort()).toEqual(
      ['api-base', 'connectors', 'locale', 'mode', 'session-token', 'theme'].sort(),
    );
    const publicMembers = element?.members?.filter((member) => member.privacy !== 'private').map((m) => m.name);
    expect(publicMembers).toEqual(expect.arrayContaining(['appearance', 'fetchSessionToken', 'messages', 'reload']));
    expect(element?.events?.map((event) => event.name)).toContain('plugboard:connected');
    expect(element?.cssParts?.map((part) => part.name)).toContain('card');
    expect(element?.cssProperties?.map((property) => property.name)).toContain('--plugboard-color-primary');
  }, 60_000);

  it('is the one package.json points editors and frameworks at', async () => {
    const written = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as typeof packageJson;
    expect([packageJson.customElements, written.customElements]).toEqual([
      'dist/custom-elements.json',
      'dist/custom-elements.json',
    ]);
    expect(packageJson.scripts.build).toContain('cem analyze');
  });
});
