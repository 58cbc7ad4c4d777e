import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CodeBlock } from './code-blocks.js';

const here = new URL('.', import.meta.url).pathname;
const samplesDir = join(here, '.tmp', 'samples');

/** One TypeScript module made of a guide's block, and the blocks that continue it. */
export interface SampleModule {
  /** Where its first block is, e.g. `quickstart.md:52`. */
  where: string;
  file: string;
  code: string;
}

/** The guides' TypeScript blocks as modules: each on its own, or appended to the one it continues. */
export function sampleModules(blocks: readonly CodeBlock[]): SampleModule[] {
  const modules: SampleModule[] = [];
  let last: { guide: string; module: SampleModule } | undefined;
  for (const block of blocks) {
    if ((block.lang !== 'ts' && block.lang !== 'tsx') || block.annotation.kind === 'skip') continue;
    const guide = block.where.split(':')[0] as string;
    if (block.annotation.kind === 'continues') {
      if (last?.guide !== guide) throw new Error(`${block.where} continues no earlier TypeScript block`);
      last.module.code += block.code;
      if (block.lang === 'tsx') last.module.file = last.module.file.replace(/\.ts$/, '.tsx');
      continue;
    }
    const file = `${block.where.replace(/\.md:/, '-').replaceAll('/', '-')}.${block.lang}`;
    last = { guide, module: { where: block.where, file, code: block.code } };
    modules.push(last.module);
  }
  return modules;
}

/**
 * Type-checks the modules as a user's app would compile them, against the built packages (one `tsc` run for
 * all), and returns each module's errors by its `where`.
 */
export async function typecheckSamples(modules: readonly SampleModule[]): Promise<Map<string, string[]>> {
  await rm(samplesDir, { recursive: true, force: true });
  await mkdir(samplesDir, { recursive: true });
  // `export {}` makes each sample a module: top-level await works, and its names stay its own.
  await Promise.all(modules.map((module) => writeFile(join(samplesDir, module.file), `${module.code}\nexport {};\n`)));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const output = await promisify(execFile)(
    process.execPath,
    [tsc, '-p', join(here, 'samples.tsconfig.json'), '--pretty', 'false'],
    { cwd: here, maxBuffer: 16 * 1024 * 1024 },
  ).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  const errors = new Map<string, string[]>(modules.map((module) => [module.where, []]));
  for (const line of output.split('\n').filter(Boolean)) {
    const module = modules.find((candidate) => line.includes(`samples/${candidate.file}(`));
    const key = module?.where ?? 'other';
    errors.set(key, [...(errors.get(key) ?? []), line]);
  }
  return errors;
}
