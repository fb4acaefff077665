package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue "What MySQL's everyday tools need", item 4: triggers. CREATE / DROP TRIGGER, BEFORE and
 * AFTER × INSERT, UPDATE and DELETE with NEW and OLD, SET NEW.col, IF, SIGNAL and handlers, sent
 * by the {@code mariadb} client with DELIMITER; SHOW TRIGGERS, SHOW CREATE TRIGGER and
 * information_schema.TRIGGERS; MySQL's errors (1359, 1360, 1361, 1362, 1363, 1054, 1644); a
 * statement-based replica fires its own copy of the trigger (the binlog has the CREATE TRIGGER and
 * the triggering statement only, as MySQL 5.7's); a dump with --triggers restores them.
 */
class TriggersTest {
    private static final String SCHEMA = """
            CREATE DATABASE shop;
            USE shop;
            CREATE TABLE item (id INT PRIMARY KEY, qty INT, name VARCHAR(20));
            CREATE TABLE audit (n INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(60), item_id INT);
            DELIMITER ;;
            CREATE TRIGGER item_bi BEFORE INSERT ON item FOR EACH ROW BEGIN
              IF NEW.qty < 0 THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'qty must not be negative';
              ELSEIF NEW.qty IS NULL THEN
                SET NEW.qty = 0;
              END IF;
              SET NEW.name = UPPER(NEW.name);
            END;;
            CREATE TRIGGER item_ai AFTER INSERT ON item FOR EACH ROW
              INSERT INTO audit (what, item_id) VALUES (CONCAT('insert ', NEW.name), NEW.id);;
            CREATE TRIGGER item_au AFTER UPDATE ON item FOR EACH ROW BEGIN
              DECLARE CONTINUE HANDLER FOR 1146 BEGIN END;
              INSERT INTO audit (what, item_id) VALUES (CONCAT('qty ', OLD.qty, '->', NEW.qty), NEW.id);
              INSERT INTO no_such_table VALUES (1);
            END;;
            CREATE TRIGGER item_ad AFTER DELETE ON item FOR EACH ROW DELETE FROM audit WHERE item_id = OLD.id;;
            DELIMITER ;
            """;

    private static ReplicatedPair pair;
    private static Path dir;
    private static MinisqldHarness source;
    private static MinisqldHarness replica;

    @BeforeAll
    static void start() throws Exception {
        pair = ReplicatedPair.start("trg", SCHEMA);
        dir = pair.dir;
        source = pair.source;
        replica = pair.replica;
    }

    @AfterAll
    static void stop() {
        if (pair != null) pair.close();
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void triggersRunForEachRowAndReplicate() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "INSERT INTO shop.item VALUES (1, 5, 'apple'), (2, NULL, 'pear')",
                    "UPDATE shop.item SET qty = qty + 1 WHERE id = 1", "INSERT INTO shop.item VALUES (3, 1, 'fig')",
                    "DELETE FROM shop.item WHERE id = 3");
            assertEquals(List.of(row("1", "6", "APPLE"), row("2", "0", "PEAR")),
                    rows(c, "SELECT * FROM shop.item ORDER BY id"));
            assertEquals(List.of(row("insert APPLE", "1"), row("insert PEAR", "2"), row("qty 5->6", "1")),
                    rows(c, "SELECT what, item_id FROM shop.audit ORDER BY n"));
            // the trigger's error is the statement's, and the statement changes nothing
            SQLException signal = assertThrows(SQLException.class,
                    () -> execute(c, "INSERT INTO shop.item VALUES (4, -1, 'bad')"));
            assertEquals(1644, signal.getErrorCode());
            assertEquals("45000", signal.getSQLState());
            assertTrue(signal.getMessage().endsWith("qty must not be negative"), signal.getMessage());
            assertEquals(List.of(List.of("2")), rows(c, "SELECT COUNT(*) FROM shop.item"));
            // a client's insert after the triggers' ones takes the next AUTO_INCREMENT value
            execute(c, "INSERT INTO shop.audit (what) VALUES ('by hand')");
            assertEquals(List.of(List.of("5", "by hand")), rows(c, "SELECT n, what FROM shop.audit WHERE item_id IS NULL"));
            // the binlog holds the statements that fired them, not what the triggers did
            List<String> events = rows(c, "SHOW BINLOG EVENTS").stream().map(r -> r.get(5)).toList();
            assertEquals(List.of("INSERT INTO shop.audit (what) VALUES ('by hand')"), events.stream()
                    .map(e -> e.replaceFirst("^use `\\w*`; ", "")).filter(e -> e.matches("(?s)INSERT INTO (shop\\.)?audit.*"))
                    .toList(), events.toString());
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "shop");
        try (Connection r = replica.newConnection()) {
            assertEquals(List.of(List.of("item_ad"), List.of("item_ai"), List.of("item_au"), List.of("item_bi")),
                    rows(r, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'shop'"
                            + " ORDER BY TRIGGER_NAME"));
        }
    }

    /**
     * A trigger made without DEFINER has its creator as definer, and is logged as MySQL 5.7 logs
     * it, with that DEFINER clause, so the replica's trigger has the same definer.
     */
    @Test
    void aTriggersDefinerIsItsCreatorOnTheSourceAndTheReplica() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "CREATE USER 'trg'@'%' IDENTIFIED BY 'pw'", "GRANT TRIGGER, INSERT, SELECT ON shop.* TO 'trg'@'%'");
        }
        try (Connection t = java.sql.DriverManager.getConnection(source.jdbcUrl("trg") + "&password=pw")) {
            execute(t, "CREATE TRIGGER shop.item_by_trg BEFORE UPDATE ON shop.item FOR EACH ROW SET NEW.name = NEW.name");
        }
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(List.of("trg@%")), rows(c, "SELECT DEFINER FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_NAME = 'item_by_trg'"));
            assertTrue(rows(c, "SHOW BINLOG EVENTS").stream().anyMatch(r -> r.get(5).contains(
                    "CREATE DEFINER=`trg`@`%` TRIGGER shop.item_by_trg")), rows(c, "SHOW BINLOG EVENTS").toString());
        }
        Replication.awaitCaughtUp(replica, source);
        try (Connection r = replica.newConnection()) {
            assertEquals(List.of(List.of("trg@%")), rows(r, "SELECT DEFINER FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_NAME = 'item_by_trg'"));
        }
        try (Connection c = source.newConnection()) {
            execute(c, "DROP TRIGGER shop.item_by_trg", "DROP USER 'trg'@'%'");
        }
    }

    @Test
    void showTriggersAndShowCreateTrigger() throws Exception {
        try (Connection c = source.newConnection()) {
            List<List<String>> show = rows(c, "SHOW TRIGGERS FROM shop LIKE 'ite%'");
            assertEquals(List.of("item_bi", "item_ai", "item_au", "item_ad"), show.stream().map(r -> r.get(0)).toList());
            assertEquals(row("item_ai", "INSERT", "item",
                    "INSERT INTO audit (what, item_id) VALUES (CONCAT('insert ', NEW.name), NEW.id)", "AFTER"),
                    show.get(1).subList(0, 5));
            assertEquals("root@localhost", show.get(1).get(7));
            assertEquals(List.of(), rows(c, "SHOW TRIGGERS FROM shop LIKE 'audit'"));
            List<String> create = rows(c, "SHOW CREATE TRIGGER shop.item_ad").get(0);
            assertEquals("item_ad", create.get(0));
            assertEquals("CREATE DEFINER=`root`@`localhost` TRIGGER `item_ad` AFTER DELETE ON `item` FOR EACH ROW"
                    + " DELETE FROM audit WHERE item_id = OLD.id", create.get(2));
            assertEquals(List.of("utf8mb4", "utf8mb4_general_ci", "utf8mb4_general_ci"), create.subList(3, 6));
        }
    }

    @Test
    void mysqlsErrors() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "USE shop");
            assertError(c, "CREATE TRIGGER item_ai AFTER INSERT ON item FOR EACH ROW SET @x = 1", 1359,
                    "Trigger already exists");
            assertError(c, "DROP TRIGGER nope", 1360, "Trigger does not exist");
            execute(c, "DROP TRIGGER IF EXISTS nope");
            assertError(c, "CREATE TRIGGER t1 AFTER INSERT ON item FOR EACH ROW SET NEW.qty = 1", 1362,
                    "Updating of NEW row is not allowed in after trigger");
            assertError(c, "CREATE TRIGGER t1 BEFORE INSERT ON item FOR EACH ROW SET NEW.qty = OLD.qty", 1363,
                    "There is no OLD row in on INSERT trigger");
            assertError(c, "CREATE TRIGGER t1 BEFORE DELETE ON item FOR EACH ROW INSERT INTO audit (what)"
                    + " VALUES (NEW.name)", 1363, "There is no NEW row in on DELETE trigger");
            assertError(c, "CREATE TRIGGER t1 BEFORE UPDATE ON item FOR EACH ROW SET NEW.nope = 1", 1054,
                    "Unknown column 'nope' in 'NEW'");
            assertError(c, "CREATE TRIGGER t1 BEFORE UPDATE ON nope FOR EACH ROW SET NEW.qty = 1", 1146,
                    "Table 'shop.nope' doesn't exist");
            execute(c, "CREATE VIEW v AS SELECT id FROM item");
            assertError(c, "CREATE TRIGGER t1 BEFORE UPDATE ON v FOR EACH ROW SET NEW.id = 1", 1361,
                    "Trigger's 'v' is view or temporary table");
            // a firing order other than the creation order would not be kept
            assertError(c, "CREATE TRIGGER t1 AFTER INSERT ON item FOR EACH ROW PRECEDES item_ai SET @x = 1", 1235,
                    "This version of MySQL doesn't yet support 'PRECEDES in CREATE TRIGGER'");
            // what this server cannot run in a trigger is refused when it is created, not skipped later
            assertError(c, "CREATE TRIGGER t1 BEFORE UPDATE ON item FOR EACH ROW BEGIN DECLARE x INT; END", 1235,
                    "This version of MySQL doesn't yet support 'DECLARE in a trigger's body'");
            assertEquals(List.of(List.of("4")), rows(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = 'shop'"));
        }
    }

    private static void assertError(Connection c, String sql, int code, String message) {
        SQLException e = assertThrows(SQLException.class, () -> execute(c, sql), sql);
        assertEquals(code, e.getErrorCode(), e.getMessage());
        assertTrue(e.getMessage().endsWith(message), e.getMessage());
    }

    /** mariadb-dump --triggers writes them in executable comments; loading the dump makes them again. */
    @Test
    void aDumpWithTriggersRestoresThem() throws Exception {
        Program.Result dump = Program.run(List.of(Program.existing(Path.of("/usr/bin/mariadb-dump")), "--no-defaults",
                "-h127.0.0.1", "-P" + source.port(), "-uroot", "--databases", "shop", "--triggers",
                "--result-file=" + dir.resolve("shop.sql")), null, Duration.ofSeconds(60));
        assertEquals(0, dump.exitCode(), dump.toString());
        String sql = Files.readString(dir.resolve("shop.sql"));
        assertTrue(sql.contains("/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `item_ad`"
                + " AFTER DELETE ON `item` FOR EACH ROW DELETE FROM audit WHERE item_id = OLD.id \n*/;;"), sql);
        try (MinisqldHarness fresh = MinisqldHarness.inProcess().name("trg-restore").in(dir).serverId(3).start()) {
            Program.Result load = Program.run(List.of("/bin/sh", "-c", Program.existing(Program.MARIADB)
                    + " --no-defaults -h127.0.0.1 -P" + fresh.port() + " -uroot < " + dir.resolve("shop.sql")), null,
                    Duration.ofSeconds(60));
            assertEquals(0, load.exitCode(), load.toString());
            try (Connection c = fresh.newConnection(); Connection s = source.newConnection()) {
                assertEquals(rows(s, "SELECT TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS"
                                + " WHERE TRIGGER_SCHEMA = 'shop' ORDER BY 1"),
                        rows(c, "SELECT TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS"
                                + " WHERE TRIGGER_SCHEMA = 'shop' ORDER BY 1"));
                execute(c, "INSERT INTO shop.item VALUES (9, NULL, 'kiwi')");
                assertEquals(List.of(row("9", "0", "KIWI")), rows(c, "SELECT * FROM shop.item WHERE id = 9"));
                assertEquals(List.of(List.of("insert KIWI")), rows(c, "SELECT what FROM shop.audit WHERE item_id = 9"));
            }
        }
    }

    /** NEW and OLD carry BLOB and TEXT values whole, byte for byte (H2 hands them to a trigger as LOBs). */
    @Test
    void blobsAndTextPassThroughTriggersByteForByte() throws Exception {
        byte[] blob = new byte[300];
        new java.util.Random(3).nextBytes(blob);
        try (Connection c = source.newConnection()) {
            execute(c, "CREATE TABLE shop.doc (id INT PRIMARY KEY, body BLOB, note TEXT)",
                    "CREATE TABLE shop.doc_copy (id INT PRIMARY KEY, body BLOB, note TEXT)",
                    "CREATE TRIGGER shop.doc_ai AFTER INSERT ON shop.doc FOR EACH ROW"
                            + " REPLACE INTO doc_copy VALUES (NEW.id, NEW.body, NEW.note)");
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO shop.doc VALUES (1, ?, ?)")) {
                ps.setBytes(1, blob);
                ps.setString(2, "héllo ✓ 'quoted'");
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT body, note FROM shop.doc_copy WHERE id = 1")) {
                assertTrue(rs.next());
                org.junit.jupiter.api.Assertions.assertArrayEquals(blob, rs.getBytes(1));
                assertEquals("héllo ✓ 'quoted'", rs.getString(2));
            }
            execute(c, "DROP TABLE shop.doc, shop.doc_copy");
        }
    }

    /**
     * A trigger reads and assigns the session's user variables (MySQL 5.7 manual, 23.3.1: "a
     * trigger can … refer to user variables"): an application's {@code SET @app} read into a row, a
     * counter each row adds to, read back by the session. The engine ran the body with variables of
     * its own: the row got NULL and the session never saw the count.
     */
    @Test
    void triggersReadAndAssignTheSessionsUserVariables() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "CREATE TABLE shop.noted (id INT PRIMARY KEY, who VARCHAR(10))",
                    "CREATE TRIGGER shop.noted_bi BEFORE INSERT ON shop.noted FOR EACH ROW SET NEW.who = @app",
                    "CREATE TRIGGER shop.noted_ai AFTER INSERT ON shop.noted FOR EACH ROW SET @n = IFNULL(@n, 0) + 1",
                    "CREATE TRIGGER shop.noted_ad AFTER DELETE ON shop.noted FOR EACH ROW SET @app = NULL",
                    "SET @app = 'bob'", "INSERT INTO shop.noted (id) VALUES (1), (2)",
                    "SET @app = 'amy'", "INSERT INTO shop.noted (id) VALUES (3)");
            assertEquals(List.of(List.of("1", "bob"), List.of("2", "bob"), List.of("3", "amy")),
                    rows(c, "SELECT id, who FROM shop.noted ORDER BY id"));
            assertEquals(List.of(List.of("3", "amy")), rows(c, "SELECT @n, @app"));
            execute(c, "SET @n = 10", "INSERT INTO shop.noted (id) VALUES (4)", "DELETE FROM shop.noted WHERE id = 4");
            assertEquals(List.of(Arrays.asList("11", null)), rows(c, "SELECT @n, @app"));
            // the binlog's CREATE TRIGGER has the body as written (it had @n's value then, NULL,
            // written in: "SET NULL = …", which the replica refused with 1064)
            Replication.awaitCaughtUp(replica, source);
            try (Connection r = replica.newConnection()) {
                assertEquals(List.of(List.of("noted_ai", "SET @n = IFNULL(@n, 0) + 1")),
                        rows(r, "SELECT TRIGGER_NAME, ACTION_STATEMENT FROM information_schema.TRIGGERS"
                                + " WHERE TRIGGER_NAME = 'noted_ai'"));
            }
            // one SET of several variables and NEW columns assigns each in order (13.7.4.1; it was 1064)
            execute(c, "CREATE TRIGGER shop.noted_bu BEFORE UPDATE ON shop.noted FOR EACH ROW"
                            + " SET @was = OLD.who, NEW.who = CONCAT(@was, '+'), @now = NEW.who",
                    "UPDATE shop.noted SET who = 'x' WHERE id = 3", "DROP TRIGGER shop.noted_bu");
            assertEquals(List.of(List.of("amy", "amy+", "amy+")),
                    rows(c, "SELECT @was, @now, who FROM shop.noted WHERE id = 3"));
            assertError(c, "CREATE TRIGGER shop.noted_au AFTER UPDATE ON shop.noted FOR EACH ROW SET @a = 1, NEW.who = 'z'",
                    1362, "Updating of NEW row is not allowed in after trigger");
            // the engine has no server variables for a body to read: refused, not frozen at creation
            assertError(c, "CREATE TRIGGER shop.noted_bu BEFORE UPDATE ON shop.noted FOR EACH ROW"
                    + " SET NEW.who = @@hostname", 1235,
                    "This version of MySQL doesn't yet support 'system variables (@@hostname) in a trigger's body'");
            execute(c, "DROP TABLE shop.noted");
        }
    }
}
