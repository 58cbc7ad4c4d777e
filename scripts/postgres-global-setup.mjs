// Global setup of the `server-pg` vitest project: a throwaway PostgreSQL server for the run (unless
// PLUGBOARD_TEST_DATABASE_URL names one, as `npm test` does), handed to the tests as `postgresUrl`.
import { startTestPostgres } from './ensure-postgres.mjs';

export default async function setup(project) {
  const { url, stop } = await startTestPostgres();
  project.provide('postgresUrl', url);
  return stop;
}
