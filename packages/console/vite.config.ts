import { defaultClientConditions, defineConfig } from 'vite';

// The console single-page app, served by the backend at /console. Workspace packages are bundled from their
// sources, so building the console needs no other package built first.
export default defineConfig({
  base: '/console/',
  resolve: { conditions: ['@plugboard/source', ...defaultClientConditions] },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // zod's sources carry comments Rollup cannot place; they are dropped either way.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});
