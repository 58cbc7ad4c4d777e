import type { Migration } from '../sql/migrator.js';

// Ids compare byte by byte, as in every other Postgres migration (see migrations.ts).
const T = 'TEXT COLLATE "C"';

/**
 * Version 17, for a million connections in one organization: indexes that match each connection listing's
 * filters and order, and connection counts per connector and per tenant kept by triggers on `connections`,
 * so that inserts, deletes and every cascade (a connector's, an organization's) keep them in the same
 * transaction without any code path having to remember.
 */
export const scaleMigration: Migration = {
  version: 17,
  name: 'scale: connection indexes that match each listing order, connection counts kept by triggers',
  // Statement triggers with transition tables: a batch insert or a connector's cascade updates each count
  // row once, in key order (so concurrent batches lock count rows in one order). Decrements only update:
  // a cascade may already have removed the count rows of a connector being deleted.
  sql: `
    CREATE INDEX connections_by_organization ON connections (organization_id, id);
    CREATE INDEX connections_by_organization_connector ON connections (organization_id, connector_id, id);
    CREATE INDEX connections_by_organization_status ON connections (organization_id, status, id);
    CREATE INDEX connections_by_organization_connector_status
      ON connections (organization_id, connector_id, status, id);
    CREATE INDEX oauth_flows_by_connector ON oauth_flows (connector_id);
    CREATE INDEX action_tests_by_connector ON action_tests (connector_id);
    CREATE TABLE connector_connection_counts (
      organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      connector_id ${T} NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
      connections BIGINT NOT NULL,
      PRIMARY KEY (organization_id, connector_id)
    );
    CREATE INDEX connector_connection_counts_by_connector ON connector_connection_counts (connector_id);
    CREATE TABLE tenant_connection_counts (
      organization_id ${T} NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      tenant_id ${T} NOT NULL,
      connector_id ${T} NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
      connections BIGINT NOT NULL,
      PRIMARY KEY (organization_id, tenant_id, connector_id)
    );
    CREATE INDEX tenant_connection_counts_by_connector ON tenant_connection_counts (connector_id);
    INSERT INTO connector_connection_counts (organization_id, connector_id, connections)
      SELECT organization_id, connector_id, count(*) FROM connections GROUP BY organization_id, connector_id;
    INSERT INTO tenant_connection_counts (organization_id, tenant_id, connector_id, connections)
      SELECT organization_id, tenant_id, connector_id, count(*) FROM connections
      GROUP BY organization_id, tenant_id, connector_id;
    CREATE FUNCTION count_inserted_connections() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO connector_connection_counts AS c (organization_id, connector_id, connections)
        SELECT organization_id, connector_id, count(*) FROM inserted
        GROUP BY organization_id, connector_id ORDER BY organization_id, connector_id
        ON CONFLICT (organization_id, connector_id) DO UPDATE SET connections = c.connections + excluded.connections;
      INSERT INTO tenant_connection_counts AS c (organization_id, tenant_id, connector_id, connections)
        SELECT organization_id, tenant_id, connector_id, count(*) FROM inserted
        GROUP BY organization_id, tenant_id, connector_id ORDER BY organization_id, tenant_id, connector_id
        ON CONFLICT (organization_id, tenant_id, connector_id)
        DO UPDATE SET connections = c.connections + excluded.connections;
      RETURN NULL;
    END $$;
    CREATE FUNCTION count_deleted_connections() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      UPDATE connector_connection_counts AS c SET connections = c.connections - d.n
        FROM (SELECT organization_id, connector_id, count(*) AS n FROM deleted
              GROUP BY organization_id, connector_id) AS d
        WHERE c.organization_id = d.organization_id AND c.connector_id = d.connector_id;
      UPDATE tenant_connection_counts AS c SET connections = c.connections - d.n
        FROM (SELECT organization_id, tenant_id, connector_id, count(*) AS n FROM deleted
              GROUP BY organization_id, tenant_id, connector_id) AS d
        WHERE c.organization_id = d.organization_id AND c.tenant_id = d.tenant_id
          AND c.connector_id = d.connector_id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER connections_counted_on_insert AFTER INSERT ON connections
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_connections();
    CREATE TRIGGER connections_counted_on_delete AFTER DELETE ON connections
      REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION count_deleted_connections();
  `,
};
