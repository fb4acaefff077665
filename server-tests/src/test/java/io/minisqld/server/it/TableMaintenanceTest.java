package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue "What MySQL's everyday tools need", items 2 and 4: CHECK / ANALYZE / OPTIMIZE / REPAIR /
 * CHECKSUM TABLE with the rows MySQL 5.7 answers for InnoDB tables, {@code mariadb-check
 * --all-databases} and {@code mariadb-show -k}; SHOW CREATE VIEW's four columns (mydumper reads the
 * last two); the mysql database a dump copies holds MySQL's log tables and none of the engine's own.
 */
class TableMaintenanceTest {
    private static final Path MARIADB_CHECK = Path.of("/usr/bin/mariadb-check");
    private static final Path MARIADB_SHOW = Path.of("/usr/bin/mariadb-show");

    private static MinisqldHarness server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("maintenance").serverId(1).logBin().start();
        connection = server.newConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE tm");
            st.execute("CREATE TABLE tm.a (id INT PRIMARY KEY, s VARCHAR(20), d DATETIME, b BLOB)");
            st.execute("CREATE TABLE tm.b (id INT PRIMARY KEY, s VARCHAR(20), d DATETIME, b BLOB)");
            st.execute("INSERT INTO tm.a VALUES (1, 'x', '2020-01-01 00:00:00', X'00FF'), (2, NULL, NULL, NULL),"
                    + " (3, 'é', '2021-02-03 04:05:06', '')");
            // the same rows, inserted in another order
            st.execute("INSERT INTO tm.b VALUES (3, 'é', '2021-02-03 04:05:06', ''), (2, NULL, NULL, NULL),"
                    + " (1, 'x', '2020-01-01 00:00:00', X'00FF')");
            st.execute("CREATE VIEW tm.v AS SELECT id FROM tm.a");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void checkAnalyzeOptimizeRepairAnswerAsInnoDbDoes() throws Exception {
        assertEquals(List.of(row("tm.a", "check", "status", "OK"), row("tm.nope", "check", "Error",
                        "Table 'tm.nope' doesn't exist"), row("tm.nope", "check", "status", "Operation failed")),
                rows(connection, "CHECK TABLE tm.a, tm.nope EXTENDED"));
        assertEquals(List.of(row("tm.a", "analyze", "status", "OK")), rows(connection, "ANALYZE TABLE tm.a"));
        assertEquals(List.of(row("tm.a", "optimize", "note",
                        "Table does not support optimize, doing recreate + analyze instead"),
                row("tm.a", "optimize", "status", "OK")), rows(connection, "OPTIMIZE TABLE tm.a"));
        assertEquals(List.of(row("tm.a", "repair", "note", "The storage engine for the table doesn't support repair")),
                rows(connection, "REPAIR NO_WRITE_TO_BINLOG TABLE tm.a QUICK"));
        // ANALYZE and OPTIMIZE are binlogged, REPAIR with NO_WRITE_TO_BINLOG is not, CHECK never
        List<String> logged = rows(connection, "SHOW BINLOG EVENTS").stream().map(r -> r.get(5)).toList();
        assertTrue(logged.stream().anyMatch(i -> i.endsWith("ANALYZE TABLE tm.a")), logged.toString());
        assertTrue(logged.stream().anyMatch(i -> i.endsWith("OPTIMIZE TABLE tm.a")), logged.toString());
        assertFalse(logged.stream().anyMatch(i -> i.contains("REPAIR") || i.contains("CHECK TABLE")), logged.toString());
        assertEquals(List.of(List.of("Com_check", "1")), rows(connection, "SHOW SESSION STATUS LIKE 'Com_check'"));
    }

    /** CHECKSUM TABLE: equal rows give equal checksums whatever their order; a changed value changes it. */
    /**
     * A table statement aimed at a view, and DROP VIEW aimed at a table, are refused as MySQL 5.7
     * refuses them (sql_table.cc, sql_view.cc): ALTER TABLE and CREATE INDEX are 1347 "is not BASE
     * TABLE", DROP TABLE does not see the view (1051; a note with IF EXISTS), DROP VIEW of a table is
     * 1347 "is not VIEW" (a note 1051 with IF EXISTS), ANALYZE / OPTIMIZE / REPAIR answer an Error
     * row. The engine renamed, altered and dropped the view as a table, silently.
     */
    @Test
    void tableStatementsOnAViewAndViewStatementsOnATableAreRefused() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE tm.base (id INT)");
            st.execute("CREATE TABLE tm.other (id INT)");
            st.execute("CREATE VIEW tm.shown AS SELECT id FROM tm.base");
            assertRefused(st, "ALTER TABLE tm.shown RENAME TO tm.shown2", 1347, "'tm.shown' is not BASE TABLE");
            assertRefused(st, "ALTER TABLE tm.shown ADD COLUMN x INT", 1347, "'tm.shown' is not BASE TABLE");
            assertRefused(st, "CREATE INDEX i ON tm.shown (id)", 1347, "'tm.shown' is not BASE TABLE");
            assertRefused(st, "DROP TABLE tm.shown", 1051, "Unknown table 'tm.shown'");
            assertRefused(st, "DROP TABLE tm.other, tm.shown", 1051, "Unknown table 'tm.shown'");
            assertRefused(st, "DROP VIEW tm.base", 1347, "'tm.base' is not VIEW");
            assertRefused(st, "DROP VIEW tm.nothing", 1051, "Unknown table 'tm.nothing'");
            st.execute("DROP TABLE IF EXISTS tm.shown");
            assertEquals(List.of(row("Note", "1051", "Unknown table 'tm.shown'")), rows(connection, "SHOW WARNINGS"));
            st.execute("DROP VIEW IF EXISTS tm.base");
            assertEquals(List.of(row("Note", "1051", "Unknown table 'tm.base'")), rows(connection, "SHOW WARNINGS"));
            assertEquals(List.of(row("tm.shown", "analyze", "Error", "'tm.shown' is not BASE TABLE"),
                    row("tm.shown", "analyze", "status", "Operation failed")), rows(connection, "ANALYZE TABLE tm.shown"));
            // both are still there, and a DROP TABLE IF EXISTS of a table and a view drops the table only
            st.execute("DROP TABLE IF EXISTS tm.other, tm.shown");
            assertEquals(List.of(row("base", "BASE TABLE"), row("shown", "VIEW")),
                    rows(connection, "SHOW FULL TABLES FROM tm WHERE Tables_in_tm IN ('base', 'other', 'shown')"));
            st.execute("DROP VIEW tm.shown");
            st.execute("DROP TABLE tm.base");
        }
    }

    /**
     * DROP TABLE, RENAME TABLE and ALTER TABLE keep the views over the table (MySQL 5.7 manual,
     * 13.1.29 DROP TABLE: "RESTRICT and CASCADE are permitted … and do nothing"; 13.1.26 CREATE VIEW:
     * a view whose table is dropped gives an error when used): a query of such a view is 1356
     * until a table of that name and columns is back, and then answers again, as does a view over
     * the view; so do another database's views at DROP DATABASE. A table another's foreign key
     * references is 1217. The engine refused the DROP (1105), with CASCADE dropped the views and the
     * foreign keys without a word, and DROP DATABASE dropped the other databases' views.
     */
    @Test
    void viewsOutliveTheirTablesAndCascadeDropsNothingElse() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE vw");
            st.execute("CREATE TABLE vw.t (id INT PRIMARY KEY, x INT)");
            st.execute("CREATE VIEW vw.v AS SELECT id, x FROM vw.t");
            st.execute("CREATE VIEW vw.w AS SELECT id FROM vw.v WHERE id > 0");
            st.execute("DROP TABLE vw.t CASCADE");
            assertEquals(List.of(row("v", "VIEW"), row("w", "VIEW")),
                    rows(connection, "SHOW FULL TABLES FROM vw"));
            assertRefused(st, "SELECT * FROM vw.v", 1356, "View 'vw.v' references invalid table(s) or column(s)"
                    + " or function(s) or definer/invoker of view lack rights to use them");
            assertRefused(st, "SELECT * FROM vw.w", 1356, "View 'vw.w' references invalid table(s) or column(s)"
                    + " or function(s) or definer/invoker of view lack rights to use them");
            assertEquals("CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `w`"
                    + " AS SELECT id FROM vw.v WHERE id > 0", rows(connection, "SHOW CREATE VIEW vw.w").get(0).get(1));
            st.execute("CREATE TABLE vw.t (id INT PRIMARY KEY, x INT, y INT)");
            st.execute("INSERT INTO vw.t VALUES (1, 10, 100)");
            assertEquals(List.of(row("1", "10")), rows(connection, "SELECT * FROM vw.v"));
            assertEquals(List.of(row("1")), rows(connection, "SELECT * FROM vw.w"));
            // renamed away, or a column the view reads dropped: 1356; renamed back, it answers
            st.execute("RENAME TABLE vw.t TO vw.t2");
            assertRefused(st, "SELECT * FROM vw.v", 1356, "View 'vw.v' references invalid table(s) or column(s)"
                    + " or function(s) or definer/invoker of view lack rights to use them");
            st.execute("ALTER TABLE vw.t2 RENAME TO vw.t");
            assertEquals(List.of(row("1", "10")), rows(connection, "SELECT * FROM vw.v"));
            st.execute("ALTER TABLE vw.t DROP COLUMN x");
            assertRefused(st, "SELECT * FROM vw.w", 1356, "View 'vw.w' references invalid table(s) or column(s)"
                    + " or function(s) or definer/invoker of view lack rights to use them");
            st.execute("ALTER TABLE vw.t ADD COLUMN x INT DEFAULT 7");
            assertEquals(List.of(row("1", "7")), rows(connection, "SELECT * FROM vw.v"));
            // a referenced parent stays, CASCADE or not, and so does the child's foreign key
            st.execute("CREATE TABLE vw.p (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE vw.c (id INT, pid INT, CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES vw.p (id))");
            assertRefused(st, "DROP TABLE vw.p", 1217,
                    "Cannot delete or update a parent row: a foreign key constraint fails");
            assertRefused(st, "DROP TABLE vw.p CASCADE", 1217,
                    "Cannot delete or update a parent row: a foreign key constraint fails");
            assertTrue(rows(connection, "SHOW CREATE TABLE vw.c").get(0).get(1)
                    .contains("CONSTRAINT `c_p` FOREIGN KEY (`pid`) REFERENCES `p` (`id`)"));
            // another database's view over the database's tables outlives DROP DATABASE too
            st.execute("CREATE DATABASE vw2");
            st.execute("CREATE VIEW vw2.o AS SELECT id FROM vw.v");
            st.execute("DROP DATABASE vw");
            assertRefused(st, "SELECT * FROM vw2.o", 1356, "View 'vw2.o' references invalid table(s) or column(s)"
                    + " or function(s) or definer/invoker of view lack rights to use them");
            st.execute("DROP DATABASE vw2");
        }
    }

    /**
     * SHOW COLLATION, SHOW CHARACTER SET and SHOW PRIVILEGES (MySQL 5.7 manual 13.7.5.4, 13.7.5.3,
     * 13.7.5.29), which administration tools and older drivers run, in MySQL's columns and order,
     * with LIKE on the name and WHERE on any column; they were 1064.
     */
    @Test
    void showCollationCharacterSetAndPrivileges() throws Exception {
        assertEquals(List.of(row("utf8mb4_bin", "utf8mb4", "46", "", "Yes", "1"),
                        row("utf8mb4_general_ci", "utf8mb4", "45", "Yes", "Yes", "1")),
                rows(connection, "SHOW COLLATION LIKE 'utf8mb4_%'").stream()
                        .filter(r -> r.get(0).matches("utf8mb4_(bin|general_ci)")).toList());
        assertEquals(List.of(row("latin1_swedish_ci", "latin1", "8", "Yes", "Yes", "1")),
                rows(connection, "SHOW COLLATION WHERE `Default` = 'Yes' AND Charset = 'latin1'"));
        assertEquals(List.of(row("utf8mb4", "UTF-8 Unicode", "utf8mb4_general_ci", "4")),
                rows(connection, "SHOW CHARACTER SET LIKE 'utf8mb4'"));
        assertEquals(List.of(row("ascii"), row("binary"), row("latin1")),
                rows(connection, "SHOW CHARSET WHERE Maxlen = 1").stream().map(r -> row(r.get(0))).toList());
        assertEquals(List.of("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen"),
                columnLabels("SHOW COLLATION LIKE 'binary'"));
        List<List<String>> privileges = rows(connection, "SHOW PRIVILEGES");
        assertEquals(row("Alter", "Tables", "To alter the table"), privileges.get(0));
        assertTrue(privileges.contains(row("Replication slave", "Server Admin", "To read binary log events from the master")),
                privileges.toString());
        assertEquals(row("Usage", "Server Admin", "No privileges - allow connect only"), privileges.get(privileges.size() - 1));
    }

    /**
     * SHOW OPEN TABLES [FROM db] [LIKE | WHERE] (MySQL 5.7 manual 13.7.5.24) lists the base tables
     * in MySQL's four columns, In_use counting the sessions that hold one by LOCK TABLES; it was
     * 1064. An unknown database is 1049.
     */
    @Test
    void showOpenTablesListsBaseTablesAndTheirLocks() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE ot");
            st.execute("CREATE TABLE ot.a (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE ot.b (id INT PRIMARY KEY)");
            st.execute("CREATE VIEW ot.v AS SELECT id FROM ot.a");
            assertEquals(List.of("Database", "Table", "In_use", "Name_locked"), columnLabels("SHOW OPEN TABLES FROM ot"));
            assertEquals(List.of(row("ot", "a", "0", "0"), row("ot", "b", "0", "0")), rows(connection, "SHOW OPEN TABLES FROM ot"));
            try (Connection other = server.newConnection(); Statement locker = other.createStatement()) {
                locker.execute("LOCK TABLES ot.b READ");
                assertEquals(List.of(row("ot", "b", "1", "0")), rows(connection, "SHOW OPEN TABLES IN ot LIKE 'b'"));
                assertEquals(List.of(row("ot", "b", "1", "0")), rows(connection, "SHOW OPEN TABLES WHERE In_use > 0"));
                locker.execute("UNLOCK TABLES");
            }
            assertRefused(st, "SHOW OPEN TABLES FROM nope", 1049, "Unknown database 'nope'");
            st.execute("DROP DATABASE ot");
        }
    }

    /**
     * A generated column is refused with 1235, in CREATE TABLE and ALTER TABLE: {@code c INT AS (a *
     * 2)} had been taken, and SHOW CREATE TABLE (so a dump) showed a plain column, without a word.
     */
    /**
     * CHECK constraints are refused with 1235, before anything changes: MySQL 5.7 parses and
     * ignores them ("The CHECK clause is parsed but ignored by all storage engines"), a constraint
     * taken and never applied; the engine had enforced them with 1105 "Check constraint violation"
     * naming a constraint nobody made, and SHOW CREATE TABLE (so a dump) did not show them. A
     * column's check, a table's (named or not) and ALTER TABLE's ADD CHECK alike; a column named
     * like the word, quoted, is a column.
     */
    @Test
    void checkConstraintsAreRefused() throws Exception {
        try (Statement st = connection.createStatement()) {
            String refused = "This version of MySQL doesn't yet support 'CHECK constraints'";
            for (String sql : List.of("CREATE TABLE tm.chk (id INT CHECK (id > 0))",
                    "CREATE TABLE tm.chk (id INT, CONSTRAINT c1 CHECK (id < 10))",
                    "CREATE TABLE tm.chk (CHECK (id <> 5), id INT)",
                    "CREATE TABLE tm.chk (id INT, x INT CONSTRAINT cx CHECK (x > 1) NOT NULL)")) {
                assertRefused(st, sql, 1235, refused);
            }
            assertEquals(List.of(), rows(connection, "SHOW TABLES FROM tm LIKE 'chk'"));
            st.execute("CREATE TABLE tm.chk (id INT, `check` INT)");
            assertRefused(st, "ALTER TABLE tm.chk ADD CONSTRAINT c2 CHECK (id > 1)", 1235, refused);
            assertRefused(st, "ALTER TABLE tm.chk ADD COLUMN y INT CHECK (y > 0), ADD COLUMN z INT", 1235, refused);
            assertEquals("CREATE TABLE `chk` (\n  `id` int(11) DEFAULT NULL,\n  `check` int(11) DEFAULT NULL\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(connection, "SHOW CREATE TABLE tm.chk").get(0).get(1));
            st.execute("DROP TABLE tm.chk");
        }
    }

    /**
     * A FULLTEXT key is a plain index here and MATCH … AGAINST is refused as by a MySQL engine
     * without full-text search: 1214 "The used table type doesn't support FULLTEXT indexes" (it
     * had been 1305 "FUNCTION match does not exist"). A column named match is still a column.
     */
    @Test
    void fullTextSearchIsRefused() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE tm.ft (id INT, t VARCHAR(100), `match` INT, FULLTEXT KEY ft (t))");
            assertRefused(st, "SELECT id FROM tm.ft WHERE MATCH (t) AGAINST ('word')", 1214,
                    "The used table type doesn't support FULLTEXT indexes");
            assertEquals(List.of(), rows(connection, "SELECT `match` FROM tm.ft"));
            st.execute("DROP TABLE tm.ft");
        }
    }

    @Test
    void generatedColumnsAreRefused() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE gc");
            String refused = "This version of MySQL doesn't yet support 'generated columns'";
            assertRefused(st, "CREATE TABLE gc.t (id INT PRIMARY KEY, a INT, c INT AS (a * 2))", 1235, refused);
            assertRefused(st, "CREATE TABLE gc.t (id INT PRIMARY KEY, a INT, c INT GENERATED ALWAYS AS (a * 2) STORED)",
                    1235, refused);
            st.execute("CREATE TABLE gc.u (id INT PRIMARY KEY, a INT)");
            assertRefused(st, "ALTER TABLE gc.u ADD COLUMN c INT AS (a + 1) VIRTUAL", 1235, refused);
            assertEquals(List.of(row("u")), rows(connection, "SHOW TABLES FROM gc"));
            st.execute("DROP DATABASE gc");
        }
    }

    /**
     * A key on column prefixes ({@code KEY (meta_key(191))}, as WordPress's schema has them) is a
     * key on the whole columns, which finds the same rows; it was a 1064, so such a schema or its
     * dump could not be loaded. A UNIQUE or PRIMARY KEY on a prefix is refused with 1235.
     */
    @Test
    void keysOnColumnPrefixesKeyTheWholeColumn() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE pk");
            st.execute("CREATE TABLE pk.meta (id INT PRIMARY KEY, meta_key VARCHAR(255), meta_value TEXT,"
                    + " KEY meta_key (meta_key(191)), KEY kv (meta_value(32), id) USING BTREE)");
            st.execute("CREATE INDEX kk ON pk.meta (meta_key(20) DESC)");
            st.execute("ALTER TABLE pk.meta ADD INDEX kk2 (meta_key(30))");
            st.execute("INSERT INTO pk.meta VALUES (1, 'color', 'blue'), (2, 'size', 'large')");
            assertEquals(List.of(row("2", "large")), rows(connection, "SELECT id, meta_value FROM pk.meta WHERE meta_key = 'size'"));
            assertEquals(List.of("kk", "kk2", "kv", "meta_key"),
                    rows(connection, "SHOW INDEX FROM pk.meta WHERE Key_name <> 'PRIMARY' AND Seq_in_index = 1").stream()
                            .map(r -> r.get(2)).sorted().toList());
            String refused = "This version of MySQL doesn't yet support 'UNIQUE or PRIMARY KEY on a column prefix'";
            assertRefused(st, "CREATE TABLE pk.u (v VARCHAR(20), UNIQUE KEY (v(5)))", 1235, refused);
            assertRefused(st, "CREATE TABLE pk.u (v VARCHAR(20), PRIMARY KEY (v(5)))", 1235, refused);
            assertRefused(st, "CREATE UNIQUE INDEX uv ON pk.meta (meta_key(5))", 1235, refused);
            st.execute("DROP DATABASE pk");
        }
    }

    /**
     * ALTER TABLE, CREATE INDEX and DROP INDEX take {@code ALGORITHM} and {@code LOCK} (they were
     * 1064): DEFAULT, COPY and EXCLUSIVE are what the engine does; INPLACE, NONE and SHARED ask for
     * an online change it cannot make and are refused as MySQL refuses them for such an operation
     * (1845); an unknown word is 1800 / 1801. {@code DROP INDEX k ON db.t} finds the key (it was 1091).
     * {@code FORCE} is taken (1064 before).
     */
    @Test
    void alterTakesAlgorithmAndLockItCanHonour() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE ao");
            st.execute("CREATE TABLE ao.t (id INT PRIMARY KEY, a INT)");
            st.execute("ALTER TABLE ao.t ADD COLUMN b INT, ALGORITHM=COPY, LOCK=EXCLUSIVE");
            st.execute("ALTER TABLE ao.t ALGORITHM = DEFAULT, ADD INDEX ka (a)");
            st.execute("CREATE INDEX kb ON ao.t (b) ALGORITHM=COPY LOCK=DEFAULT");
            assertEquals(List.of(row("PRIMARY"), row("ka"), row("kb")),
                    rows(connection, "SHOW INDEX FROM ao.t").stream().map(r -> row(r.get(2))).toList());
            st.execute("DROP INDEX kb ON ao.t LOCK=EXCLUSIVE");
            st.execute("DROP INDEX ka ON ao.t");
            assertEquals(List.of(row("PRIMARY")), rows(connection, "SHOW INDEX FROM ao.t").stream().map(r -> row(r.get(2))).toList());
            assertRefused(st, "ALTER TABLE ao.t ADD COLUMN c INT, ALGORITHM=INPLACE, LOCK=NONE", 1845,
                    "ALGORITHM=INPLACE is not supported for this operation. Try ALGORITHM=COPY.");
            assertRefused(st, "ALTER TABLE ao.t ADD COLUMN c INT, LOCK=NONE", 1845,
                    "LOCK=NONE/SHARED is not supported for this operation. Try LOCK=EXCLUSIVE.");
            assertRefused(st, "CREATE INDEX kc ON ao.t (a) LOCK=SHARED", 1845,
                    "LOCK=NONE/SHARED is not supported for this operation. Try LOCK=EXCLUSIVE.");
            assertRefused(st, "ALTER TABLE ao.t ADD COLUMN c INT, ALGORITHM=FAST", 1800, "Unknown ALGORITHM 'FAST'");
            assertRefused(st, "ALTER TABLE ao.t ADD COLUMN c INT, LOCK=ALL", 1801, "Unknown LOCK type 'ALL'");
            // FORCE (a rebuild, as pt-online-schema-change and OPTIMIZE use it) is taken; it was 1064
            st.execute("ALTER TABLE ao.t FORCE");
            st.execute("ALTER TABLE ao.t FORCE, ALGORITHM=COPY");
            // a second primary key: MySQL's 1068 (it was 1105)
            assertRefused(st, "ALTER TABLE ao.t ADD PRIMARY KEY (a)", 1068, "Multiple primary key defined");
            assertEquals(List.of(row("id"), row("a"), row("b")),
                    rows(connection, "SHOW COLUMNS FROM ao.t").stream().map(r -> row(r.get(0))).toList());
            st.execute("DROP DATABASE ao");
        }
    }

    private static List<String> columnLabels(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            List<String> labels = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) labels.add(rs.getMetaData().getColumnLabel(i));
            return labels;
        }
    }

    private static void assertRefused(Statement st, String sql, int code, String message) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertEquals(code + " " + message, e.getErrorCode() + " " + e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", ""), sql);
    }

    @Test
    void checksumTableComparesContents() throws Exception {
        List<List<String>> both = rows(connection, "CHECKSUM TABLE tm.a, tm.b");
        assertEquals("tm.a", both.get(0).get(0));
        assertEquals(both.get(0).get(1), both.get(1).get(1));
        assertNotEquals("0", both.get(0).get(1));
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE tm.c (id INT PRIMARY KEY, s VARCHAR(20), d DATETIME, b BLOB)");
            st.execute("INSERT INTO tm.c SELECT * FROM tm.a");
            assertEquals(both.get(0).get(1), rows(connection, "CHECKSUM TABLE tm.c QUICK").get(0).get(1));
            st.execute("UPDATE tm.c SET s = 'X' WHERE id = 1");
            assertNotEquals(both.get(0).get(1), rows(connection, "CHECKSUM TABLE tm.c").get(0).get(1));
            st.execute("UPDATE tm.c SET s = NULL WHERE id = 1");
            assertNotEquals(both.get(0).get(1), rows(connection, "CHECKSUM TABLE tm.c").get(0).get(1));
            st.execute("DROP TABLE tm.c");
        }
        assertEquals(List.of(row("tm.nope", null)), rows(connection, "CHECKSUM TABLE tm.nope"));
        assertEquals(List.of(List.of("Warning", "1146", "Table 'tm.nope' doesn't exist")),
                rows(connection, "SHOW WARNINGS"));
    }

    @Test
    void mariadbCheckAndMariadbShowKeys() throws Exception {
        Program.Result check = Program.run(List.of(Program.existing(MARIADB_CHECK), "--no-defaults", "-h127.0.0.1",
                "-P" + server.port(), "-uroot", "--all-databases"), null, Duration.ofSeconds(30));
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.stdout().matches("(?s).*tm\\.a\\s+OK\n.*"), check.toString());
        assertTrue(check.stdout().matches("(?s).*mysql\\.user\\s+OK\n.*"), check.toString());
        assertFalse(check.stdout().contains("binlog_xids"), "the engine's own tables are no table of mysql: " + check);
        Program.Result show = Program.run(List.of(Program.existing(MARIADB_SHOW), "--no-defaults", "-h127.0.0.1",
                "-P" + server.port(), "-uroot", "-k", "tm", "a"), null, Duration.ofSeconds(30));
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.stdout().contains("Database: tm  Table: a"), show.toString());
        assertTrue(show.stdout().matches("(?s).*\\| a +\\| 0 +\\| PRIMARY +\\| 1 +\\| id .*"), show.toString());
    }

    @Test
    void showCreateViewHasTheDefinitionsCharacterSet() throws Exception {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE VIEW tm.v")) {
            assertEquals(4, rs.getMetaData().getColumnCount());
            assertEquals("character_set_client", rs.getMetaData().getColumnLabel(3));
            assertEquals("collation_connection", rs.getMetaData().getColumnLabel(4));
            assertTrue(rs.next());
            assertEquals("CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS"
                    + " SELECT id FROM tm.a", rs.getString(2));
            assertEquals("utf8mb4", rs.getString(3));
            assertEquals("utf8mb4_general_ci", rs.getString(4));
        }
        // mydumper restores its session with SET collation_connection after SET NAMES binary
        try (Statement st = connection.createStatement()) {
            st.execute("SET NAMES binary");
            st.execute("SET collation_connection = @@collation_connection");
            st.execute("SET NAMES utf8mb4");
        }
    }

    /**
     * The mysql database holds MySQL 5.7's empty general_log and slow_log (mariadb-dump
     * --all-databases dumps their definitions) and not the engine's crash-recovery tables, which no
     * client can name.
     */
    @Test
    void theMysqlDatabaseAsADumpCopiesIt() throws Exception {
        List<String> tables = rows(connection, "SHOW TABLES FROM mysql").stream().map(r -> r.get(0)).toList();
        assertTrue(tables.containsAll(List.of("general_log", "slow_log", "user", "db")), tables.toString());
        assertFalse(tables.stream().anyMatch(t -> t.contains("binlog")), tables.toString());
        assertEquals(List.of(List.of("0")), rows(connection, "SELECT COUNT(*) FROM mysql.general_log"));
        List<String> databases = rows(connection, "SHOW DATABASES").stream().map(r -> r.get(0)).toList();
        assertFalse(databases.stream().anyMatch(d -> d.startsWith("#")), databases.toString());
        SQLException hidden = assertThrows(SQLException.class,
                () -> rows(connection, "SELECT * FROM `#minisqld_internal`.binlog_xids"));
        assertEquals(1049, hidden.getErrorCode());
    }

    /**
     * InnoDB names an unnamed foreign key {@code table_ibfk_N}, numbering an ALTER's on from the
     * table's highest (MySQL 5.7 manual 13.1.18.5: "the name is generated automatically"); {@code
     * FOREIGN KEY name (…)} names it {@code name}; the index made for it is named after its first
     * column. The engine had named them CONSTRAINT_6, so a migration's {@code DROP FOREIGN KEY
     * t_ibfk_1} failed. TRUNCATE of a table other tables reference is 1701, of a view 1146 (they
     * were 1105).
     */
    @Test
    void unnamedForeignKeysHaveInnoDbsNamesAndTruncateRefusesAsMySql() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE fk");
            st.execute("CREATE TABLE fk.p (id INT PRIMARY KEY, k INT, UNIQUE KEY (k))");
            st.execute("CREATE TABLE fk.c (id INT, pid INT REFERENCES p (id), k INT, q INT,"
                    + " FOREIGN KEY (k) REFERENCES fk.p (k), CONSTRAINT FOREIGN KEY (q) REFERENCES p (id))");
            st.execute("ALTER TABLE fk.c ADD FOREIGN KEY (id) REFERENCES fk.p (id)");
            st.execute("CREATE TABLE fk.d (pid INT, FOREIGN KEY named_fk (pid) REFERENCES fk.p (id))");
            assertEquals("CREATE TABLE `c` (\n"
                    + "  `id` int(11) DEFAULT NULL,\n"
                    + "  `pid` int(11) DEFAULT NULL,\n"
                    + "  `k` int(11) DEFAULT NULL,\n"
                    + "  `q` int(11) DEFAULT NULL,\n"
                    + "  KEY `pid` (`pid`),\n"
                    + "  KEY `k` (`k`),\n"
                    + "  KEY `q` (`q`),\n"
                    + "  KEY `id` (`id`),\n"
                    + "  CONSTRAINT `c_ibfk_1` FOREIGN KEY (`pid`) REFERENCES `p` (`id`),\n"
                    + "  CONSTRAINT `c_ibfk_2` FOREIGN KEY (`k`) REFERENCES `p` (`k`),\n"
                    + "  CONSTRAINT `c_ibfk_3` FOREIGN KEY (`q`) REFERENCES `p` (`id`),\n"
                    + "  CONSTRAINT `c_ibfk_4` FOREIGN KEY (`id`) REFERENCES `p` (`id`)\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(connection, "SHOW CREATE TABLE fk.c").get(0).get(1));
            assertTrue(rows(connection, "SHOW CREATE TABLE fk.d").get(0).get(1)
                    .contains("CONSTRAINT `named_fk` FOREIGN KEY (`pid`) REFERENCES `p` (`id`)"));
            st.execute("ALTER TABLE fk.c DROP FOREIGN KEY c_ibfk_2");
            SQLException referenced = assertThrows(SQLException.class, () -> st.execute("TRUNCATE TABLE fk.p"));
            assertEquals(1701, referenced.getErrorCode());
            assertTrue(referenced.getMessage().contains("Cannot truncate a table referenced in a foreign key"
                    + " constraint (`fk`.`c`, CONSTRAINT `c_ibfk_1` FOREIGN KEY (`pid`) REFERENCES `fk`.`p` (`id`))")
                    || referenced.getMessage().contains("(`fk`.`d`, CONSTRAINT `named_fk` FOREIGN KEY (`pid`)"
                    + " REFERENCES `fk`.`p` (`id`))"), referenced.getMessage());
            st.execute("CREATE VIEW fk.v AS SELECT id FROM fk.c");
            SQLException view = assertThrows(SQLException.class, () -> st.execute("TRUNCATE fk.v"));
            assertEquals(1146, view.getErrorCode());
            assertTrue(view.getMessage().endsWith("Table 'fk.v' doesn't exist"), view.getMessage());
            st.execute("TRUNCATE TABLE fk.c");
            st.execute("DROP DATABASE fk");
        }
    }

    /**
     * InnoDB makes an index for a foreign key whose columns no index begins with, and {@code ALTER
     * TABLE … DROP FOREIGN KEY} leaves it (MySQL 5.7 manual 13.1.18.5, "Dropping Foreign Key
     * Constraints"; a MariaDB 10.11 server shows the same): the server had dropped it with the
     * constraint, so the table lost a key a MySQL replica kept and a later DROP INDEX of it was
     * 1091. An index a foreign key needs cannot go while the key stays: 1553 (it was 1091 for the
     * key's own index, 1105 for the user's); both in one statement go.
     */
    @Test
    void droppingAForeignKeyKeepsItsIndex() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE fki");
            st.execute("CREATE TABLE fki.p (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE fki.c (id INT PRIMARY KEY, pid INT, qid INT, KEY k (qid),"
                    + " CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES fki.p (id),"
                    + " CONSTRAINT fk_q FOREIGN KEY (qid) REFERENCES fki.p (id))");
            for (String[] drop : new String[][] {{"DROP INDEX fk_p ON fki.c", "fk_p"}, {"ALTER TABLE fki.c DROP INDEX k", "k"},
                    {"ALTER TABLE fki.c ADD COLUMN x INT, DROP KEY fk_p", "fk_p"}}) {
                SQLException needed = assertThrows(SQLException.class, () -> st.execute(drop[0]));
                assertEquals(1553, needed.getErrorCode(), drop[0]);
                assertTrue(needed.getMessage().endsWith("Cannot drop index '" + drop[1]
                        + "': needed in a foreign key constraint"), needed.getMessage());
            }
            st.execute("ALTER TABLE fki.c DROP FOREIGN KEY fk_p");
            st.execute("INSERT INTO fki.c VALUES (1, 99, NULL)");
            assertEquals("CREATE TABLE `c` (\n"
                    + "  `id` int(11) NOT NULL,\n"
                    + "  `pid` int(11) DEFAULT NULL,\n"
                    + "  `qid` int(11) DEFAULT NULL,\n"
                    + "  PRIMARY KEY (`id`),\n"
                    + "  KEY `k` (`qid`),\n"
                    + "  KEY `fk_p` (`pid`),\n"
                    + "  CONSTRAINT `fk_q` FOREIGN KEY (`qid`) REFERENCES `p` (`id`)\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(connection, "SHOW CREATE TABLE fki.c").get(0).get(1));
            st.execute("DROP INDEX fk_p ON fki.c");
            // the key and its index in one statement, in either order
            st.execute("CREATE TABLE fki.d (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES fki.p (id))");
            st.execute("ALTER TABLE fki.d DROP FOREIGN KEY d_ibfk_1, DROP INDEX pid");
            st.execute("CREATE TABLE fki.e (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES fki.p (id))");
            st.execute("ALTER TABLE fki.e DROP INDEX pid, DROP FOREIGN KEY e_ibfk_1");
            for (String t : List.of("d", "e")) {
                assertEquals(List.of("PRIMARY"), rows(connection, "SHOW INDEX FROM fki." + t).stream()
                        .map(r -> r.get(2)).toList(), t);
            }
            st.execute("DROP DATABASE fki");
        }
    }

    /**
     * SHOW COLUMNS' Key as MySQL's (MySQL 5.7 manual 13.7.5.5): UNI only for the column of a
     * one-column UNIQUE key, MUL for the first column of a UNIQUE key of several (the server said
     * UNI), and without a PRIMARY KEY the columns of the first UNIQUE key whose columns are all NOT
     * NULL are PRI, the key InnoDB makes the primary one (the server said UNI and nothing).
     */
    @Test
    void showColumnsKeyIsPriUniOrMulAsMySqls() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE ck");
            st.execute("CREATE TABLE ck.u (a INT NOT NULL, b INT NOT NULL, c INT, d INT, UNIQUE KEY (a, b),"
                    + " UNIQUE KEY (c), KEY (d), UNIQUE KEY (d, c))");
            st.execute("CREATE TABLE ck.v (a INT, b INT, UNIQUE KEY (a, b))");
            assertEquals(List.of(List.of("a", "PRI"), List.of("b", "PRI"), List.of("c", "UNI"), List.of("d", "MUL")),
                    rows(connection, "SHOW COLUMNS FROM ck.u").stream().map(r -> List.of(r.get(0), r.get(3))).toList());
            assertEquals(List.of(List.of("a", "MUL"), List.of("b", "")),
                    rows(connection, "SELECT COLUMN_NAME, COLUMN_KEY FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = 'ck' AND TABLE_NAME = 'v' ORDER BY ORDINAL_POSITION"));
            st.execute("DROP DATABASE ck");
        }
    }

    /**
     * Keys as MySQL keeps them (MySQL 5.7 manual 13.1.8 and 13.1.18): an unnamed key is named after
     * its first column ({@code a}, then {@code a_2}) once, when it is made, and dropped by that name;
     * {@code DROP KEY} is {@code DROP INDEX}; {@code RENAME INDEX a TO b} renames it; SHOW CREATE
     * TABLE lists the primary key, the unique keys of NOT NULL columns, the other unique keys, then
     * the others, each in creation order. The server could not drop an unnamed key (1091), refused
     * DROP KEY and RENAME INDEX (1064), named {@code a_2} {@code a} once {@code a} was dropped, and
     * listed the keys by name.
     */
    @Test
    void keysKeepTheirNamesAndOrderAndGoByThem() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE kn");
            st.execute("CREATE TABLE kn.t (id INT PRIMARY KEY, a INT, b INT, c INT NOT NULL, d INT, KEY zd (d),"
                    + " KEY (a), UNIQUE KEY (b), KEY (a, b), UNIQUE KEY (c))");
            assertEquals("CREATE TABLE `t` (\n"
                    + "  `id` int(11) NOT NULL,\n"
                    + "  `a` int(11) DEFAULT NULL,\n"
                    + "  `b` int(11) DEFAULT NULL,\n"
                    + "  `c` int(11) NOT NULL,\n"
                    + "  `d` int(11) DEFAULT NULL,\n"
                    + "  PRIMARY KEY (`id`),\n"
                    + "  UNIQUE KEY `c` (`c`),\n"
                    + "  UNIQUE KEY `b` (`b`),\n"
                    + "  KEY `zd` (`d`),\n"
                    + "  KEY `a` (`a`),\n"
                    + "  KEY `a_2` (`a`,`b`)\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(connection, "SHOW CREATE TABLE kn.t").get(0).get(1));
            st.execute("ALTER TABLE kn.t DROP INDEX a");
            st.execute("ALTER TABLE kn.t DROP KEY b, RENAME INDEX a_2 TO ab");
            st.execute("ALTER TABLE kn.t RENAME KEY zd TO dd");
            st.execute("DROP INDEX c ON kn.t");
            st.execute("ALTER TABLE kn.t ADD KEY (d)");
            assertEquals(List.of("PRIMARY", "dd", "ab", "ab", "d"), rows(connection, "SHOW INDEX FROM kn.t").stream()
                    .map(r -> r.get(2)).toList());
            SQLException missing = assertThrows(SQLException.class, () -> st.execute("ALTER TABLE kn.t RENAME INDEX a TO x"));
            assertEquals(1176, missing.getErrorCode());
            assertTrue(missing.getMessage().endsWith("Key 'a' doesn't exist in table 't'"), missing.getMessage());
            st.execute("DROP DATABASE kn");
        }
    }

    /**
     * Rows cannot be changed through a view here: INSERT, UPDATE and DELETE of a view are 1235
     * "This version of MySQL doesn't yet support 'changing rows through a view'" (they were 1105
     * with the engine's text, "Feature not supported: TableView.removeRow"). So a view's {@code WITH
     * [CASCADED | LOCAL] CHECK OPTION}, which checks such changes, is taken (it was 1064, so a dump
     * holding one did not load) and SHOW CREATE VIEW shows it.
     */
    @Test
    void changingRowsThroughAViewIsRefusedAndItsCheckOptionTaken() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE vw");
            st.execute("CREATE TABLE vw.t (id INT PRIMARY KEY, b INT)");
            st.execute("INSERT INTO vw.t VALUES (1, 1)");
            st.execute("CREATE VIEW vw.v AS SELECT id, b FROM vw.t WHERE b > 0 WITH CASCADED CHECK OPTION");
            st.execute("CREATE VIEW vw.l AS SELECT id FROM vw.t WITH LOCAL CHECK OPTION");
            assertTrue(rows(connection, "SHOW CREATE VIEW vw.v").get(0).get(1).endsWith("WITH CASCADED CHECK OPTION"));
            assertEquals(List.of(List.of("1", "1")), rows(connection, "SELECT * FROM vw.v"));
            for (String change : List.of("UPDATE vw.v SET b = 2", "DELETE FROM vw.v WHERE id = 1",
                    "INSERT INTO vw.v VALUES (2, 2)", "INSERT INTO vw.l SELECT 3")) {
                assertRefused(st, change, 1235, "This version of MySQL doesn't yet support 'changing rows through a view'");
            }
            assertEquals(List.of(List.of("1", "1")), rows(connection, "SELECT * FROM vw.t"));
            st.execute("DROP DATABASE vw");
        }
    }

    /**
     * ALTER TABLE … ADD c type NOT NULL without a DEFAULT gives the table's rows the type's implicit
     * default, as MySQL 5.7 (0, '', an ENUM's first member, '00:00:00', JSON null), and the column
     * keeps no default (an INSERT leaving it out is 1364, SHOW CREATE TABLE shows no DEFAULT); a
     * DATE / DATETIME / TIMESTAMP's zero date is NO_ZERO_DATE's 1292 on a table with rows (MySQL's
     * answer, the table left as it was) and is taken by a table without. The engine had refused
     * every such column with 1048 "Column 'i' cannot be null".
     */
    @Test
    void aNotNullColumnAddedToATableWithRowsTakesItsImplicitDefault() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE nn");
            st.execute("CREATE TABLE nn.t (id INT PRIMARY KEY)");
            st.execute("INSERT INTO nn.t VALUES (1), (2)");
            st.execute("ALTER TABLE nn.t ADD COLUMN i INT NOT NULL, ADD s VARCHAR(10) NOT NULL AFTER id,"
                    + " ADD e ENUM('p', 'q') NOT NULL, ADD st SET('x', 'y') NOT NULL, ADD dc DECIMAL(5,2) NOT NULL,"
                    + " ADD t TEXT NOT NULL, ADD tm TIME NOT NULL, ADD u INT UNSIGNED NOT NULL, ADD j JSON NOT NULL,"
                    + " ADD b VARBINARY(4) NOT NULL, ADD k INT NOT NULL DEFAULT 7");
            assertEquals(List.of(List.of("1", "", "0", "p", "", "0.00", "", "00:00:00", "0", "null", "", "7"),
                            List.of("2", "", "0", "p", "", "0.00", "", "00:00:00", "0", "null", "", "7")),
                    rows(connection, "SELECT id, s, i, e, st, dc, t, tm, u, j, HEX(b), k FROM nn.t ORDER BY id"));
            String created = rows(connection, "SHOW CREATE TABLE nn.t").get(0).get(1);
            assertTrue(created.contains("`i` int(11) NOT NULL,\n"), created);
            assertTrue(created.contains("`e` enum('p','q') NOT NULL,\n"), created);
            assertTrue(created.contains("`k` int(11) NOT NULL DEFAULT '7'"), created);
            SQLException missing = assertThrows(SQLException.class, () -> st.execute("INSERT INTO nn.t (id) VALUES (3)"));
            assertEquals(1364, missing.getErrorCode());
            for (String[] date : new String[][] {{"DATETIME", "datetime", "0000-00-00 00:00:00"},
                    {"DATE", "date", "0000-00-00"}, {"TIMESTAMP", "datetime", "0000-00-00 00:00:00"}}) {
                SQLException zero = assertThrows(SQLException.class,
                        () -> st.execute("ALTER TABLE nn.t ADD z " + date[0] + " NOT NULL"));
                assertEquals(1292, zero.getErrorCode());
                assertTrue(zero.getMessage().endsWith("Incorrect " + date[1] + " value: '" + date[2]
                        + "' for column 'z' at row 1"), zero.getMessage());
            }
            assertFalse(rows(connection, "SHOW COLUMNS FROM nn.t").toString().contains("z"));
            st.execute("CREATE TABLE nn.empty (id INT PRIMARY KEY)");
            st.execute("ALTER TABLE nn.empty ADD z DATETIME NOT NULL");
            st.execute("DROP DATABASE nn");
        }
    }

    /**
     * CREATE [TEMPORARY] TABLE … LIKE copies columns, keys and options as MySQL's: not the foreign
     * keys (their indexes stay), not the AUTO_INCREMENT counter. A table with a named foreign key
     * could not be copied (1061 "Duplicate key name 'fk'"; pt-online-schema-change and gh-ost
     * start with CREATE TABLE … LIKE), and CREATE TEMPORARY TABLE … LIKE was 1064.
     */
    @Test
    void createTableLikeCopiesKeysButNotForeignKeysNorTheCounter() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE lk");
            st.execute("CREATE TABLE lk.p (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE lk.a (id INT AUTO_INCREMENT PRIMARY KEY, pid INT, v VARCHAR(5) DEFAULT 'x',"
                    + " KEY kv (v), CONSTRAINT fk FOREIGN KEY (pid) REFERENCES lk.p (id))");
            st.execute("INSERT INTO lk.p VALUES (1)");
            st.execute("INSERT INTO lk.a (pid) VALUES (1), (1), (1)");
            st.execute("CREATE TABLE lk.b LIKE lk.a");
            assertEquals("CREATE TABLE `b` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `pid` int(11) DEFAULT NULL,\n"
                    + "  `v` varchar(5) DEFAULT 'x',\n  PRIMARY KEY (`id`),\n  KEY `kv` (`v`),\n  KEY `fk` (`pid`)\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(connection, "SHOW CREATE TABLE lk.b").get(0).get(1));
            // no foreign key: a parent that does not exist is taken; the counter starts at 1
            st.execute("INSERT INTO lk.b (pid) VALUES (99)");
            assertEquals(List.of(List.of("1", "99", "x")), rows(connection, "SELECT * FROM lk.b"));
            st.execute("CREATE TEMPORARY TABLE lk.c LIKE lk.a");
            st.execute("INSERT INTO lk.c (pid) VALUES (5)");
            assertEquals(List.of(List.of("1", "5", "x")), rows(connection, "SELECT * FROM lk.c"));
            assertTrue(rows(connection, "SHOW CREATE TABLE lk.c").get(0).get(1).startsWith("CREATE TEMPORARY TABLE `c`"));
            assertEquals(List.of(), rows(connection, "SHOW TABLES FROM lk LIKE 'c'"));
            st.execute("DROP TEMPORARY TABLE lk.c");
            st.execute("DROP DATABASE lk");
        }
    }
}
