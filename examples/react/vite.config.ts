import { defineConfig } from 'vite';
import { examplePorts } from '../example-ports.mjs';
import { plugboardUrlDefine, vendorBackendProxy } from '../vendor-backend-proxy';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  define: plugboardUrlDefine,
  // A strict port: on another one the demo would not allow the example's origin.
  server: { port: examplePorts().react, strictPort: true, proxy: vendorBackendProxy },
});
