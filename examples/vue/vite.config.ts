import { defineConfig } from 'vite';
import { vendorBackendProxy } from '../vendor-backend-proxy';

export default defineConfig({
  // The full build compiles the in-DOM template at runtime, so this example needs no build plugin.
  resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  server: { port: 5174, proxy: vendorBackendProxy },
});
