// Checks the packages as npm users get them: packs every published package with pnpm, checks each manifest,
// lints each tarball with publint (strict) and @arethetypeswrong/cli (ESM only), then installs the server alone
// from its tarball with npm into an empty folder, starts `plugboard serve` from there, and installs the rest beside
// it. Exits non-zero on any finding.
// Run after `pnpm -r run build`: `node scripts/check-packages.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The condition that points workspace packages at their TypeScript sources; never in a published manifest. */
const SOURCE_CONDITION = '@plugboard/source';
const failures = [];

/** @param {string} what @param {string} detail */
function fail(what, detail) {
  failures.push(`${what}: ${detail}`);
  console.error(`✗ ${what}: ${detail}`);
}

/** The workspace's publishable packages: `packages/*` whose manifest is not private. */
export function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

/** The exports map without the workspace-only source condition: what `publishConfig.exports` must be. */
function withoutSourceCondition(exports) {
  if (exports === null || typeof exports !== 'object') return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

/** What publint and attw do not look at: the files and fields a user of the package relies on. */
function checkManifest({ dir, manifest }) {
  const name = manifest.name;
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  if (!existsSync(join(dir, 'README.md'))) fail(name, 'has no README.md');
  if (!existsSync(join(dir, 'LICENSE')) || readFileSync(join(dir, 'LICENSE'), 'utf8') !== license) {
    fail(name, "has no LICENSE, or one that differs from the repository's");
  }
  for (const field of ['engines', 'repository', 'homepage', 'license', 'exports', 'files']) {
    if (!manifest[field]) fail(name, `package.json has no "${field}"`);
  }
  if (manifest.publishConfig?.exports || JSON.stringify(manifest.exports).includes(SOURCE_CONDITION)) {
    const expected = withoutSourceCondition(manifest.exports);
    if (JSON.stringify(manifest.publishConfig?.exports) !== JSON.stringify(expected)) {
      fail(name, `publishConfig.exports must be "exports" without the ${SOURCE_CONDITION} condition`);
    }
  }
}

/**
 * One version of each shared dependency: a dependency that two workspace packages declare comes from the
 * catalog in pnpm-workspace.yaml (`catalog:`), so the versions cannot drift apart.
 */
function checkCatalog() {
  const folders = [
    '.',
    ...['packages', 'examples'].flatMap((parent) => readdirSync(join(root, parent)).map((name) => `${parent}/${name}`)),
    'docs/test',
  ];
  const users = new Map();
  for (const folder of folders) {
    const file = join(root, folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (range.startsWith('workspace:')) continue;
        users.set(name, [...(users.get(name) ?? []), { folder, range }]);
      }
    }
  }
  for (const [name, declared] of users) {
    const outside = declared.filter(({ range }) => range !== 'catalog:');
    if (declared.length > 1 && outside.length > 0) {
      fail(
        name,
        `used by ${declared.length} packages but not from the catalog in ${outside.map(({ folder }) => folder).join(', ')}`,
      );
    }
  }
}

/** Runs a command without blocking the others, and resolves with its exit status and output. */
function runAsync(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('close', (status) => done({ status, output }));
  });
}

/**
 * Packs one package with pnpm (which replaces `workspace:` and `catalog:` ranges and applies publishConfig),
 * into a folder of its own so that packs can run side by side.
 */
async function pack({ dir, manifest }, destination) {
  const folder = join(destination, manifest.name.replace(/[@/]/g, '_'));
  mkdirSync(folder, { recursive: true });
  const result = await runAsync(
    process.execPath,
    [join(root, 'scripts/pnpm.mjs'), 'pack', '--pack-destination', folder],
    {
      cwd: dir,
    },
  );
  const tarball = readdirSync(folder).find((file) => file.endsWith('.tgz'));
  if (result.status !== 0 || !tarball) throw new Error(`pnpm pack failed for ${manifest.name}: ${result.output}`);
  return join(folder, tarball);
}

/** The packed manifest, as npm will read it. */
function packedManifest(tarball) {
  const result = spawnSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' });
  return JSON.parse(result.stdout);
}

/** Test files and helpers stay in the repository; the README, LICENSE and CHANGELOG are published. */
function checkPackedFiles(name, tarball) {
  const files = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const testFiles = files.filter((file) =>
    /\.test\.|(^|\/)(test|tests|__tests__)\//.test(file.replace(/^package\//, '')),
  );
  if (testFiles.length > 0) fail(name, `publishes test files: ${testFiles.slice(0, 5).join(', ')}`);
  for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (!files.includes(`package/${file}`)) fail(name, `does not publish its ${file}`);
  }
}

function checkPackedManifest(name, packed) {
  const text = JSON.stringify(packed);
  if (/"(workspace|catalog):/.test(text)) fail(name, 'the packed package.json keeps a workspace: or catalog: range');
  if (text.includes(SOURCE_CONDITION)) fail(name, `the packed package.json keeps the ${SOURCE_CONDITION} condition`);
}

async function lintTarball(name, tarball) {
  const { messages, pkg } = await publint({ pack: { tarball: readFileSync(tarball).buffer }, strict: true });
  for (const message of messages) {
    if (message.type !== 'suggestion')
      fail(`${name} (publint)`, formatMessage(message, pkg, { color: false }) ?? message.code);
  }
  const attw = await runAsync(join(root, 'node_modules/.bin/attw'), [
    tarball,
    '--profile',
    'esm-only',
    '--format',
    'ascii',
    '--no-emoji',
    '--no-color',
  ]);
  if (attw.status !== 0) fail(`${name} (attw --profile esm-only)`, attw.output);
}

/** Runs `npm install` in the folder, with the tarballs standing in for the registry's @plugboard packages. */
function npmInstall(app, tarballs, dependencies) {
  const specs = Object.fromEntries(tarballs.map(({ name, tarball }) => [name, `file:${tarball}`]));
  // The tarballs depend on each other by version: overrides make npm take them from here, not the registry.
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'plugboard-install-test',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(dependencies.map((name) => [name, specs[name]])),
      overrides: specs,
    }),
  );
  console.log(`npm install ${dependencies.join(' ')} (from the tarballs)`);
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: app,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (npm.status !== 0) throw new Error('npm install of the tarballs failed');
}

/** Starts the installed `plugboard serve` and resolves with its URL once it says where it listens. */
function startServe(app) {
  const dataDir = join(app, 'data');
  mkdirSync(dataDir);
  const child = spawn(join(app, 'node_modules/.bin/plugboard'), ['serve'], {
    cwd: app,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: app,
      PORT: '0',
      PLUGBOARD_DATA_DIR: dataDir,
      PLUGBOARD_DATABASE_URL: `file:${join(dataDir, 'plugboard.db')}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  const url = new Promise((done, reject) => {
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) done(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`plugboard serve exited with ${code}: ${stderr}`)));
  });
  const stop = () => {
    child.kill();
    return exited;
  };
  return { url, stop };
}

/** What a vendor's operations team checks first: the probes, the console and the widget bundle. */
async function checkServe(app) {
  const serve = startServe(app);
  try {
    const url = await serve.url;
    const expectations = [
      ['/healthz', 'application/json', '"ok"'],
      ['/readyz', 'application/json', ''],
      ['/console', 'text/html', '<script'],
      ['/widget/plugboard-connect.js', 'javascript', 'plugboard-connect'],
    ];
    for (const [path, type, contains] of expectations) {
      const response = await fetch(new URL(path, url));
      const body = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      if (response.status !== 200 || !contentType.includes(type) || !body.includes(contains)) {
        fail(`installed plugboard serve GET ${path}`, `${response.status} ${contentType}: ${body.slice(0, 200)}`);
      } else console.log(`✓ installed plugboard serve GET ${path}: 200 ${contentType}`);
    }
  } finally {
    await serve.stop();
  }
}

/** Imports each package's Node entry points from the install folder, as a user's program would. */
function checkImports(app, tarballs) {
  const nodeEntries = [
    '@plugboard/shared',
    '@plugboard/catalog',
    '@plugboard/openapi',
    '@plugboard/sdk',
    '@plugboard/server',
  ];
  const names = new Set(tarballs.map(({ name }) => name));
  const script = nodeEntries
    .filter((name) => names.has(name))
    .map((name) => `await import(${JSON.stringify(name)});`)
    .join('\n');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
  if (result.status !== 0) fail('importing the installed packages', result.stderr);
}

async function main() {
  const started = Date.now();
  const packages = publishedPackages();
  const destination = resolve(root, '.tmp/packages');
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  checkCatalog();
  for (const entry of packages) checkManifest(entry);
  const tarballs = await Promise.all(
    packages.map(async (entry) => ({ name: entry.manifest.name, tarball: await pack(entry, destination) })),
  );
  for (const { name, tarball } of tarballs) {
    checkPackedManifest(name, packedManifest(tarball));
    checkPackedFiles(name, tarball);
  }
  await Promise.all(tarballs.map(({ name, tarball }) => lintTarball(name, tarball)));
  console.log(`Packed and linted ${tarballs.length} packages: ${tarballs.map(({ name }) => name).join(', ')}`);
  // The server alone, as an operations team installs it: it must bring the console and the widget it serves.
  const app = mkdtempSync(join(tmpdir(), 'plugboard-install-'));
  try {
    npmInstall(app, tarballs, ['@plugboard/server']);
    await checkServe(app);
    // Then everything else a vendor's app installs beside it.
    npmInstall(
      app,
      tarballs,
      tarballs.map(({ name }) => name),
    );
    checkImports(app, tarballs);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
  console.log(`Package checks took ${Math.round((Date.now() - started) / 1000)} s`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} package check(s) failed`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
