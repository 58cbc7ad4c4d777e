/** The examples' dev server ports: `EXAMPLE_REACT_PORT` (default 5173) and `EXAMPLE_VUE_PORT` (default 5174). */
export function examplePorts(env?: Record<string, string | undefined>): { react: number; vue: number };
/** The origins the examples run on, as the demo allows them (`localhost` and `127.0.0.1`). */
export function exampleOrigins(env?: Record<string, string | undefined>): string[];
/** Where the examples find the demo (`npm start`): `PLUGBOARD_URL`, default `http://localhost:4400`. */
export function demoUrl(env?: Record<string, string | undefined>): string;
