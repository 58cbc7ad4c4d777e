import type { Migration } from '../sql/migrator.js';

/**
 * Version 17, for a million connections in one organization: indexes that match each connection listing's
 * filters and order, and connection counts per connector and per tenant kept by triggers on `connections`,
 * so that inserts, deletes and every cascade (a connector's, an organization's) keep them in the same
 * transaction without any code path having to remember.
 */
export const scaleMigration: Migration = {
  version: 17,
  name: 'scale: connection indexes that match each listing order, connection counts kept by triggers',
  sql: `
    CREATE INDEX connections_by_organization ON connections (organization_id, id);
    CREATE INDEX connections_by_organization_connector ON connections (organization_id, connector_id, id);
    CREATE INDEX connections_by_organization_status ON connections (organization_id, status, id);
    CREATE INDEX connections_by_organization_connector_status
      ON connections (organization_id, connector_id, status, id);
    CREATE INDEX connections_by_connector ON connections (connector_id, id);
    CREATE INDEX oauth_flows_by_connector ON oauth_flows (connector_id);
    CREATE INDEX action_tests_by_connector ON action_tests (connector_id);
    CREATE TABLE connector_connection_counts (
      organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
      connections INTEGER NOT NULL,
      PRIMARY KEY (organization_id, connector_id)
    );
    CREATE INDEX connector_connection_counts_by_connector ON connector_connection_counts (connector_id);
    CREATE TABLE tenant_connection_counts (
      organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      tenant_id TEXT NOT NULL,
      connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
      connections INTEGER NOT NULL,
      PRIMARY KEY (organization_id, tenant_id, connector_id)
    );
    CREATE INDEX tenant_connection_counts_by_connector ON tenant_connection_counts (connector_id);
    INSERT INTO connector_connection_counts (organization_id, connector_id, connections)
      SELECT organization_id, connector_id, count(*) FROM connections GROUP BY organization_id, connector_id;
    INSERT INTO tenant_connection_counts (organization_id, tenant_id, connector_id, connections)
      SELECT organization_id, tenant_id, connector_id, count(*) FROM connections
      GROUP BY organization_id, tenant_id, connector_id;
    CREATE TRIGGER connections_counted_on_insert AFTER INSERT ON connections BEGIN
      INSERT INTO connector_connection_counts (organization_id, connector_id, connections)
        VALUES (NEW.organization_id, NEW.connector_id, 1)
        ON CONFLICT (organization_id, connector_id) DO UPDATE SET connections = connections + 1;
      INSERT INTO tenant_connection_counts (organization_id, tenant_id, connector_id, connections)
        VALUES (NEW.organization_id, NEW.tenant_id, NEW.connector_id, 1)
        ON CONFLICT (organization_id, tenant_id, connector_id) DO UPDATE SET connections = connections + 1;
    END;
    CREATE TRIGGER connections_counted_on_delete AFTER DELETE ON connections BEGIN
      UPDATE connector_connection_counts SET connections = connections - 1
        WHERE organization_id = OLD.organization_id AND connector_id = OLD.connector_id;
      UPDATE tenant_connection_counts SET connections = connections - 1
        WHERE organization_id = OLD.organization_id AND tenant_id = OLD.tenant_id AND connector_id = OLD.connector_id;
    END;
  `,
};
