import { defineConfig } from 'vite';
import { SUPPORTED_LOCALES } from './src/locale.js';

/** Every locale but English, which is built into the bundle: each its own small module, `locales/<locale>.js`. */
const localeEntries = Object.fromEntries(
  SUPPORTED_LOCALES.filter((locale) => locale !== 'en').map((locale) => [
    `locales/${locale}`,
    `src/locales/${locale}.ts`,
  ]),
);

// The drop-in bundle: one ES module with every dependency inside, loaded by a single <script type="module">, and
// beside it the locale modules it imports on demand.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
  build: {
    emptyOutDir: false,
    target: 'es2022',
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    lib: {
      entry: { 'plugboard-connect': 'src/define.ts', ...localeEntries },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
