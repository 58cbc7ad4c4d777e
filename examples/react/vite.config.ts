import { defineConfig } from 'vite';
import { vendorBackendProxy } from '../vendor-backend-proxy';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  server: { port: 5173, proxy: vendorBackendProxy },
});
