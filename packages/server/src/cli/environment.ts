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
  { name: 'PLUGBOARD_DATABASE_URL', description: 'SQLite file path or file: URL (default <data dir>/plugboard.db)' },
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
  { name: 'PLUGBOARD_CONSOLE_ROOT', description: 'Folder of the built admin console, served at /console' },
  { name: 'PLUGBOARD_LLM_URL', description: "An OpenAI-compatible API for the connector agent's optional model" },
  { name: 'PLUGBOARD_LLM_API_KEY', description: 'That API’s key; the model is used only when it and the URL are set' },
  { name: 'PLUGBOARD_LLM_MODEL', description: 'The model the connector agent asks (default gpt-4o-mini)' },
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
