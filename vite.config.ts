import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources in tests, so no build is needed to test a change.
const source = '@plugboard/source';

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions], externalConditions: [source] } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      { extends: true, test: { name: 'shared', root: 'packages/shared', environment: 'node' } },
      { extends: true, test: { name: 'catalog', root: 'packages/catalog', environment: 'node' } },
      { extends: true, test: { name: 'openapi', root: 'packages/openapi', environment: 'node' } },
      { extends: true, test: { name: 'sdk', root: 'packages/sdk', environment: 'node' } },
      { extends: true, test: { name: 'server', root: 'packages/server', environment: 'node', testTimeout: 20_000 } },
      // The same server suite on PostgreSQL: a fresh schema per test database (src/test/test-database.ts).
      {
        extends: true,
        test: {
          name: 'server-pg',
          root: 'packages/server',
          environment: 'node',
          testTimeout: 20_000,
          env: { PLUGBOARD_TEST_ENGINE: 'postgres' },
          globalSetup: ['../../scripts/postgres-global-setup.mjs'],
        },
      },
      { extends: true, test: { name: 'sandbox', root: 'packages/sandbox', environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'widget',
          root: 'packages/widget',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          // One copy of Preact for components and the testing library, or hooks lose their state.
          server: { deps: { inline: ['@testing-library/preact'] } },
        },
      },
      // @plugboard/react in a React 19 host: the component is written without JSX, so the Preact JSX setup above
      // (which the widget's sources it loads need) does not get in its way.
      { extends: true, test: { name: 'react', root: 'packages/react', environment: 'happy-dom' } },
      {
        extends: true,
        test: {
          name: 'console',
          root: 'packages/console',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          // One copy of Preact for components and the testing library, or hooks lose their state.
          server: { deps: { inline: ['@testing-library/preact'] } },
        },
      },
      // The samples in docs/*.md: TypeScript type-checked, shell run against `plugboard serve` (built packages).
      {
        extends: true,
        test: { name: 'docs', root: 'docs/test', environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          root: '.',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A page waited on with expect.poll may take more than vitest's default second when the other projects
          // load the machine; the poll still ends as soon as the page shows what it waits for.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
