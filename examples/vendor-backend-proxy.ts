// In development the framework examples borrow the demo's stand-in vendor backend (`npm start`):
// their `/api/plugboard-session` is the demo's `/demo/session`, which mints a connect session.
import { demoUrl } from './example-ports.mjs';

/** Vite `server.proxy` entry for the examples. */
export const vendorBackendProxy = {
  '/api/plugboard-session': { target: demoUrl(), changeOrigin: true, rewrite: () => '/demo/session' },
};

/**
 * The widget's `api-base` in the example's page: `VITE_PLUGBOARD_URL`, else the demo's `PLUGBOARD_URL`, so one
 * variable points an example at a demo on another port.
 */
export const plugboardUrlDefine = {
  'import.meta.env.VITE_PLUGBOARD_URL': JSON.stringify(process.env.VITE_PLUGBOARD_URL || demoUrl()),
};
