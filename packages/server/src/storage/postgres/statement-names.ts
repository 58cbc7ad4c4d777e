/** How many distinct SQL texts get a named (server-side prepared) statement; others run unnamed. */
export const NAMED_STATEMENT_LIMIT = 500;

/**
 * Names for SQL texts, so that pg prepares each on a connection once and then only binds and executes it:
 * parsing and planning a lookup by key costs Postgres about as much as running it. Only texts with parameters
 * are named: pg sends those through the extended protocol anyway (one command each), while a text without
 * parameters may hold several commands, which a prepared statement cannot. The first
 * {@link NAMED_STATEMENT_LIMIT} texts get a name, so each connection prepares a bounded number of statements
 * (the store's queries are a fixed set; texts that vary, such as `IN` lists of different lengths, stay out once
 * the limit is reached).
 */
export function statementNamer() {
  const names = new Map<string, string | null>();
  return {
    nameOf(text: string, values: readonly unknown[] | undefined): string | undefined {
      if (!values || values.length === 0) return undefined;
      let name = names.get(text);
      if (name === undefined && names.size < NAMED_STATEMENT_LIMIT) {
        name = `plugboard_${names.size + 1}`;
        names.set(text, name);
      }
      return name ?? undefined;
    },
    /** Runs `text` unnamed from now on. */
    unname(text: string) {
      names.set(text, null);
    },
  };
}

/**
 * Whether Postgres refused a prepared statement because a table it reads changed shape since it was prepared (a
 * migration by a newer replica during a rolling deploy): run unnamed, the same text works.
 */
export const isStalePlan = (error: unknown) => (error as { code?: unknown }).code === '0A000';
