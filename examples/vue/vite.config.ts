import { defineConfig } from 'vite';
import { examplePorts } from '../example-ports.mjs';
import { plugboardUrlDefine, vendorBackendProxy } from '../vendor-backend-proxy';

export default defineConfig({
  // The full build compiles the in-DOM template at runtime, so this example needs no build plugin.
  resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
  define: {
    ...plugboardUrlDefine,
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  // A strict port: on another one the demo would not allow the example's origin.
  server: { port: examplePorts().vue, strictPort: true, proxy: vendorBackendProxy },
});
