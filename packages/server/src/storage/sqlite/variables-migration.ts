import type { Migration } from '../sql/migrator.js';

/**
 * Version 18: connection variables. A connector declares them (JSON list), a connection keeps the values its end
 * user gave (JSON object), and an OAuth flow carries them from the authorization request to the token exchange.
 */
export const variablesMigration: Migration = {
  version: 18,
  name: 'connection variables: declared on connectors, given on connections and OAuth flows',
  sql: `
    ALTER TABLE connectors ADD COLUMN variables TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE connections ADD COLUMN variables TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE oauth_flows ADD COLUMN variables TEXT NOT NULL DEFAULT '{}';
  `,
};
