import { defineConfig } from 'vite';

// The drop-in bundle: one ES module with every dependency inside, loaded by a single <script type="module">.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
  build: {
    emptyOutDir: false,
    target: 'es2022',
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    lib: { entry: 'src/define.ts', formats: ['es'], fileName: () => 'plugboard-connect.js' },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
