// In development the framework examples borrow the demo's stand-in vendor backend (`npm start`):
// their `/api/plugboard-session` is the demo's `/demo/session`, which mints a connect session.
const demoUrl = process.env.PLUGBOARD_URL ?? 'http://localhost:4400';

/** Vite `server.proxy` entry for the examples. */
export const vendorBackendProxy = {
  '/api/plugboard-session': { target: demoUrl, changeOrigin: true, rewrite: () => '/demo/session' },
};
