/** One environment variable the server or the CLI reads, as `--help` lists it. */
export interface EnvironmentVariable {
  name: string;
  /** One line: what it sets, and its default when it has one. */
  description: string;
}

/**
 * Every environment variable `plugboard` reads. `--help` prints this table, and a test fails when the server's
 * source reads a `PLUGBOARD_*` variable that is missing here, so the help cannot drift from the code.
 */
export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  { name: 'PORT', description: 'Port to listen on (default 4400)' },
  { name: 'HOST', description: 'Address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)' },
  { name: 'NODE_ENV', description: 'production requires PLUGBOARD_PUBLIC_URL and PLUGBOARD_MASTER_KEY' },
  {
    name: 'PLUGBOARD_DATABASE_URL',
    description: 'SQLite file path or file: URL, or postgres://… (default <data dir>/plugboard.db)',
  },
  {
    name: 'PLUGBOARD_DATABASE_POOL_SIZE',
    description: 'PostgreSQL connections each process keeps open (default 10)',
  },
  {
    name: 'PLUGBOARD_DATA_DIR',
    description: 'Folder for local data: the database, development keys (default .plugboard)',
  },
  {
    name: 'PLUGBOARD_MASTER_KEY',
    description: 'Keys that encrypt secrets: 32 bytes base64/hex, comma-separated, current first',
  },
  {
    name: 'PLUGBOARD_PUBLIC_URL',
    description: 'The public URL; fixes the OAuth redirect URI (required in production)',
  },
  {
    name: 'PLUGBOARD_EGRESS_ALLOW_HOSTS',
    description: 'Comma-separated host[:port] entries allowed although they are internal addresses',
  },
  {
    name: 'PLUGBOARD_ALLOW_INSECURE_OAUTH',
    description: 'Development only: 1 lets OAuth connectors use plain-http endpoints (a local provider)',
  },
  {
    name: 'PLUGBOARD_TRUSTED_PROXY_HOPS',
    description: 'Proxies in front that append X-Forwarded-For (default 0: the header is ignored)',
  },
  {
    name: 'PLUGBOARD_RATE_LIMIT_SIGN_IN',
    description: 'Console sign-ins per client address as BURST,PER_MINUTE (default 20,2)',
  },
  {
    name: 'PLUGBOARD_RATE_LIMIT_INBOUND',
    description: 'Webhooks per inbound URL as BURST,PER_MINUTE (default 100,600)',
  },
  {
    name: 'PLUGBOARD_RATE_LIMIT_SESSIONS',
    description: 'Connect sessions minted per organization as BURST,PER_MINUTE (default 200,600)',
  },
  {
    name: 'PLUGBOARD_RATE_LIMIT_TENANT_CALLS',
    description: 'Third-party API calls per tenant as BURST,PER_MINUTE (default 60,600)',
  },
  { name: 'PLUGBOARD_INBOUND_MAX_BYTES', description: 'Largest inbound webhook body in bytes (default 1048576)' },
  { name: 'PLUGBOARD_RETENTION_DAYS', description: 'Days events and deliveries are kept (default 30)' },
  { name: 'PLUGBOARD_LOG_RETENTION_DAYS', description: 'Days per-tenant call log entries are kept (default 30)' },
  { name: 'PLUGBOARD_METRICS_TOKEN', description: 'Serve GET /metrics behind this bearer token (16+ characters)' },
  { name: 'PLUGBOARD_METRICS_PORT', description: 'Serve GET /metrics on this port instead of beside the API' },
  { name: 'PLUGBOARD_METRICS_HOST', description: 'Address of the metrics listener (default 127.0.0.1)' },
  {
    name: 'PLUGBOARD_LOG_LEVEL',
    description: 'Lowest log level written: trace, debug, info, warn, error, fatal or silent (default info)',
  },
  {
    name: 'PLUGBOARD_DELIVERY_INTERVAL_MS',
    description: 'How often the delivery worker sends due webhooks, in ms; 0 turns it off (default 1000)',
  },
  {
    name: 'PLUGBOARD_POLLING_INTERVAL_MS',
    description: 'How often the polling worker looks for due polling events, in ms; 0: off (default 15000)',
  },
  {
    name: 'PLUGBOARD_REFRESH_INTERVAL_MS',
    description: 'How often tokens that expire soon are refreshed in the background, in ms; 0: off (default 60000)',
  },
  {
    name: 'PLUGBOARD_RETENTION_INTERVAL_MS',
    description: 'How often the retention job deletes old rows, in ms; 0: off (default 3600000)',
  },
  {
    name: 'PLUGBOARD_WORKER_LEASE_SECONDS',
    description:
      "How long a worker's claim on a delivery or a poll lasts before another replica may take it (default 40)",
  },
  {
    name: 'PLUGBOARD_CONSOLE_ROOT',
    description: 'Folder of the built admin console, served at /console (default: the installed @plugboard/console)',
  },
  { name: 'PLUGBOARD_LLM_URL', description: "An OpenAI-compatible API for the connector agent's optional model" },
  { name: 'PLUGBOARD_LLM_API_KEY', description: 'That API’s key; the model is used only when it and the URL are set' },
  { name: 'PLUGBOARD_LLM_MODEL', description: 'The model the connector agent asks (default gpt-4o-mini)' },
  {
    name: 'PLUGBOARD_AGENT_RUN_LEASE_SECONDS',
    description: 'Seconds an agent run outlives its replica before another fails it as interrupted (default 30)',
  },
  {
    name: 'PLUGBOARD_AGENT_MAX_BUILDS',
    description: 'Agent runs one organization may have building at once, across replicas (default 2)',
  },
  {
    name: 'PLUGBOARD_AGENT_MAX_SPEC_BYTES',
    description: 'The largest spec the connector agent takes, in bytes (default and most 52428800)',
  },
  {
    name: 'PLUGBOARD_AGENT_MAX_ACTIONS',
    description: 'The most actions a connector built by the agent keeps (default and most 2000)',
  },
  {
    name: 'PLUGBOARD_AGENT_MAX_EVENTS',
    description: 'The most events a connector built by the agent keeps (default and most 500)',
  },
  {
    name: 'PLUGBOARD_SECRET_KEY',
    description: 'An organization secret key for session create (instead of --secret-key)',
  },
  {
    name: 'PLUGBOARD_MEMBER_PASSWORD',
    description: 'Password for member create/set-password without --password-stdin',
  },
  {
    name: 'PLUGBOARD_DEMO_PASSWORD',
    description: "The demo console member's password (default: generated once into <data dir>/demo-password)",
  },
];

/** The environment section of `--help`: one variable a line, descriptions aligned. */
export function environmentHelp(variables: readonly EnvironmentVariable[] = ENVIRONMENT): string {
  const width = Math.max(...variables.map((variable) => variable.name.length)) + 2;
  return ['Environment:', ...variables.map(({ name, description }) => `  ${name.padEnd(width)}${description}`)].join(
    '\n',
  );
}
