package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue "What MySQL's everyday tools need", done when: Flyway {@code migrate} of three versioned
 * migrations (tables, a view; a trigger and a procedure wait for those to exist), then {@code info}
 * and {@code validate}, with both Connector/Js. Flyway takes its lock with GET_LOCK, reads
 * information_schema for the schema and its history table, and records each migration.
 */
class FlywayTest {
    private static MinisqldHarness server;
    @TempDir
    private static Path migrations;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("flyway").serverId(1).logBin().start();
        Files.writeString(migrations.resolve("V1__tables.sql"), """
                CREATE TABLE customer (
                  id INT AUTO_INCREMENT PRIMARY KEY,
                  email VARCHAR(120) NOT NULL,
                  created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
                  UNIQUE KEY uq_email (email)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                CREATE TABLE orders (
                  id BIGINT AUTO_INCREMENT PRIMARY KEY,
                  customer_id INT NOT NULL,
                  total DECIMAL(10,2) NOT NULL,
                  KEY idx_customer (customer_id),
                  CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
                ) ENGINE=InnoDB;
                """);
        Files.writeString(migrations.resolve("V2__view.sql"), """
                CREATE VIEW customer_totals AS
                  SELECT c.email, COUNT(o.id) AS orders, COALESCE(SUM(o.total), 0) AS spent
                  FROM customer c LEFT JOIN orders o ON o.customer_id = c.id
                  GROUP BY c.email;
                """);
        Files.writeString(migrations.resolve("V3__data.sql"), """
                ALTER TABLE customer ADD COLUMN name VARCHAR(60) NULL AFTER email;
                INSERT INTO customer (email, name) VALUES ('ann@example.com', 'Ann'), ('bo@example.com', 'Bø');
                INSERT INTO orders (customer_id, total)
                  SELECT id, 19.90 FROM customer WHERE email = 'ann@example.com';
                """);
        Files.writeString(migrations.resolve("V4__routines.sql"), """
                CREATE TABLE order_audit (id BIGINT, total DECIMAL(10,2));
                CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW
                  INSERT INTO order_audit VALUES (NEW.id, NEW.total);
                DELIMITER //
                CREATE PROCEDURE place_order(IN p_email VARCHAR(120), IN p_total DECIMAL(10,2), OUT p_id BIGINT)
                BEGIN
                  DECLARE c_id INT;
                  SELECT id INTO c_id FROM customer WHERE email = p_email;
                  INSERT INTO orders (customer_id, total) VALUES (c_id, p_total);
                  SET p_id = LAST_INSERT_ID();
                END //
                DELIMITER ;
                CALL place_order('bo@example.com', 5.00, @id);
                """);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Flyway flyway(Driver driver, String schema) {
        return Flyway.configure()
                .dataSource(driver.url(server.port(), null, "root", ""), "root", "")
                .schemas(schema)
                .locations("filesystem:" + migrations)
                .load();
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void migrateInfoValidate(Driver driver) throws Exception {
        String schema = "fw_" + driver.name().toLowerCase();
        Flyway flyway = flyway(driver, schema);
        MigrateResult result = flyway.migrate();
        assertTrue(result.success);
        assertEquals(4, result.migrationsExecuted);
        assertEquals("4", result.targetSchemaVersion);

        // Flyway created the schema (its first history row, without a version), then ran the three
        List<MigrationInfo> applied = Arrays.stream(flyway.info().applied()).filter(i -> i.getVersion() != null).toList();
        assertEquals(List.of("1", "2", "3", "4"), applied.stream().map(i -> i.getVersion().getVersion()).toList());
        for (MigrationInfo i : applied) assertEquals(MigrationState.SUCCESS, i.getState(), i.getScript());
        flyway.validate();
        // a second migrate finds nothing to do
        assertEquals(0, flyway.migrate().migrationsExecuted);

        try (Connection c = server.newConnection()) {
            assertEquals(List.of(List.of("ann@example.com", "1", "19.90"), List.of("bo@example.com", "1", "5.00")),
                    rows(c, "SELECT email, orders, spent FROM " + schema + ".customer_totals ORDER BY email"));
            // the procedure placed its order, and the trigger audited it
            assertEquals(List.of(List.of("2", "5.00")), rows(c, "SELECT id, total FROM " + schema + ".order_audit"));
            assertEquals(List.of(List.of("1", "tables", "1"), List.of("2", "view", "1"), List.of("3", "data", "1"),
                            List.of("4", "routines", "1")),
                    rows(c, "SELECT version, description, success FROM " + schema + ".flyway_schema_history"
                            + " WHERE version IS NOT NULL ORDER BY installed_rank"));
            // JDBC's DatabaseMetaData of the migrated schema, as MySQL answers it
            try (Connection j = driver.connect(server, schema)) {
                java.sql.DatabaseMetaData md = j.getMetaData();
                // ordered by type, then name, as JDBC specifies: MariaDB Connector/J has the server
                // sort information_schema.TABLES (utf8_general_ci: '_' after the letters), MySQL
                // Connector/J sorts SHOW FULL TABLES itself by code point
                List<String> orders = List.of("orders", "TABLE");
                List<String> audit = List.of("order_audit", "TABLE");
                assertEquals(List.of(List.of("customer", "TABLE"), List.of("flyway_schema_history", "TABLE"),
                                driver == Driver.MARIADB ? orders : audit, driver == Driver.MARIADB ? audit : orders,
                                List.of("customer_totals", "VIEW")),
                        metaRows(md.getTables(schema, null, "%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME",
                                "TABLE_TYPE"));
                assertEquals(List.of(List.of("id", "INT"), List.of("email", "VARCHAR"), List.of("name", "VARCHAR"),
                                List.of("created", "DATETIME")),
                        metaRows(md.getColumns(schema, null, "customer", "%"), "COLUMN_NAME", "TYPE_NAME"));
                assertEquals(List.of(List.of("id", "1")),
                        metaRows(md.getPrimaryKeys(schema, null, "orders"), "COLUMN_NAME", "KEY_SEQ"));
                assertEquals(List.of(List.of("customer", "id", "orders", "customer_id", "fk_customer")),
                        metaRows(md.getImportedKeys(schema, null, "orders"), "PKTABLE_NAME", "PKCOLUMN_NAME",
                                "FKTABLE_NAME", "FKCOLUMN_NAME", "FK_NAME"));
                assertEquals(List.of(List.of("PRIMARY", "id"), List.of("uq_email", "email")),
                        metaRows(md.getIndexInfo(schema, null, "customer", true, false), "INDEX_NAME", "COLUMN_NAME"));
                assertEquals(List.of(List.of("place_order")), metaRows(md.getProcedures(schema, null, "%"),
                        "PROCEDURE_NAME"));
                assertEquals(List.of(List.of("p_email", "1"), List.of("p_total", "1"), List.of("p_id", "4")),
                        metaRows(md.getProcedureColumns(schema, null, "place_order", "%"), "COLUMN_NAME",
                                "COLUMN_TYPE"));
            }
            // Flyway's lock was released
            assertEquals(List.of(List.of("0")), rows(c, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE STATE = 'User lock'"));
        }
    }

    /** The named columns of each row of a DatabaseMetaData result. */
    private static List<List<String>> metaRows(java.sql.ResultSet rs, String... columns) throws java.sql.SQLException {
        List<List<String>> out = new java.util.ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new java.util.ArrayList<>();
                for (String c : columns) row.add(rs.getString(c));
                out.add(row);
            }
        }
        return out;
    }
}
