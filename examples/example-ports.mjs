// The one place for the framework examples' ports: their Vite dev servers listen on them, and the demo allows
// their origins to embed the widget, so the two cannot disagree.

/** @param {string | undefined} value @param {number} fallback */
function portOf(value, fallback) {
  const port = Number(value || fallback);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`Not a port number: "${value}"`);
  return port;
}

/**
 * The examples' dev server ports: `EXAMPLE_REACT_PORT` (default 5173) and `EXAMPLE_VUE_PORT` (default 5174).
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ react: number, vue: number }}
 */
export function examplePorts(env = process.env) {
  return { react: portOf(env.EXAMPLE_REACT_PORT, 5173), vue: portOf(env.EXAMPLE_VUE_PORT, 5174) };
}

/**
 * The origins the examples run on, as the demo allows them (`localhost` and `127.0.0.1`).
 * @param {Record<string, string | undefined>} [env]
 * @returns {string[]}
 */
export function exampleOrigins(env = process.env) {
  return Object.values(examplePorts(env)).flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
}

/**
 * Where the examples find the demo (`npm start`): `PLUGBOARD_URL`, default `http://localhost:4400`.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function demoUrl(env = process.env) {
  return env.PLUGBOARD_URL || 'http://localhost:4400';
}
