package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.assertServerError;
import static io.minisqld.server.it.ConnectorScenarios.rows;
import static io.minisqld.server.it.ConnectorScenarios.stripConn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 16 item 3, "Privileges as MySQL 5.7": the privilege matrix. For each privilege of MySQL
 * 5.7's table "Privileges Provided by MySQL" (manual 6.2.1) one account {@code p_<name>} holds
 * that privilege and nothing else, at the level the manual gives it: the database- and
 * table-level ones (and ALTER ROUTINE, which DROP PROCEDURE needs) on {@code db1.*}, the administrative ones (RELOAD, PROCESS, SUPER,
 * REPLICATION SLAVE, REPLICATION CLIENT, SHUTDOWN, FILE, CREATE USER) on {@code *.*}, where alone
 * they can be granted; {@code p_none} has USAGE only and {@code root} everything. Every statement
 * kind below runs as every account; the result (allowed, a value, or the exact error: number,
 * SQLSTATE, message with the account's name) is compared with the table written down here from
 * the manual (6.2.1, and each statement's page) and the checks of MySQL 5.7's sql_parse.cc /
 * sql_authorization.cc: {@code check_access} refuses with 1044 a database-level privilege that
 * no table grant could give (LOCK TABLES, CREATE ROUTINE), and with 1045 a global one asked on a
 * table (FILE); {@code check_grant} names the missing table privileges, comma-separated, in
 * 1142. Each cell starts from the same state: the fixture's tables, views, routines and accounts
 * are made again before it.
 *
 * <p>SHUTDOWN is asserted for the refusals only: the accounts that hold it would stop the shared
 * server, so their cells are not run here ({@link #SKIP}); {@code shutdownPrivilegeStopsTheServer}
 * shows the allowed case on a server of its own. Column privileges, account limits and locks have
 * tests of their own below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivilegeMatrixTest {
    private static final String PASSWORD = "pw";

    /** The accounts: name → what GRANT gives it (null: USAGE only). */
    private static final Map<String, String> ACCOUNTS = new LinkedHashMap<>();

    static {
        ACCOUNTS.put("p_select", "SELECT ON db1.*");
        ACCOUNTS.put("p_insert", "INSERT ON db1.*");
        ACCOUNTS.put("p_update", "UPDATE ON db1.*");
        ACCOUNTS.put("p_delete", "DELETE ON db1.*");
        ACCOUNTS.put("p_create", "CREATE ON db1.*");
        ACCOUNTS.put("p_drop", "DROP ON db1.*");
        ACCOUNTS.put("p_alter", "ALTER ON db1.*");
        ACCOUNTS.put("p_index", "INDEX ON db1.*");
        ACCOUNTS.put("p_create_view", "CREATE VIEW ON db1.*");
        ACCOUNTS.put("p_show_view", "SHOW VIEW ON db1.*");
        ACCOUNTS.put("p_trigger", "TRIGGER ON db1.*");
        ACCOUNTS.put("p_execute", "EXECUTE ON db1.*");
        ACCOUNTS.put("p_create_routine", "CREATE ROUTINE ON db1.*");
        ACCOUNTS.put("p_alter_routine", "ALTER ROUTINE ON db1.*");
        ACCOUNTS.put("p_lock_tables", "LOCK TABLES ON db1.*");
        ACCOUNTS.put("p_create_tmp", "CREATE TEMPORARY TABLES ON db1.*");
        ACCOUNTS.put("p_grant_option", "GRANT OPTION ON db1.*");
        ACCOUNTS.put("p_reload", "RELOAD ON *.*");
        ACCOUNTS.put("p_process", "PROCESS ON *.*");
        ACCOUNTS.put("p_super", "SUPER ON *.*");
        ACCOUNTS.put("p_repl_slave", "REPLICATION SLAVE ON *.*");
        ACCOUNTS.put("p_repl_client", "REPLICATION CLIENT ON *.*");
        ACCOUNTS.put("p_shutdown", "SHUTDOWN ON *.*");
        ACCOUNTS.put("p_file", "FILE ON *.*");
        ACCOUNTS.put("p_create_user", "CREATE USER ON *.*");
        ACCOUNTS.put("p_none", null);
        ACCOUNTS.put("root", "ALL");
    }

    /** The accounts whose privileges are on {@code db1.*}: they may USE it (MySQL's DB_ACLS). */
    private static final Set<String> DB1_ACCOUNTS = Set.of("p_select", "p_insert", "p_update", "p_delete", "p_create",
            "p_drop", "p_alter", "p_index", "p_create_view", "p_show_view", "p_trigger", "p_execute",
            "p_create_routine", "p_alter_routine", "p_lock_tables", "p_create_tmp", "p_grant_option", "root");

    /** The accounts with a privilege of the table kind on {@code db1.*} (SHOW CREATE TABLE takes any). */
    private static final Set<String> TABLE_KIND = Set.of("p_select", "p_insert", "p_update", "p_delete", "p_create",
            "p_drop", "p_alter", "p_index", "p_create_view", "p_show_view", "p_trigger", "p_grant_option");

    /** What one cell gives: allowed (code 0, value null or the probed value), or an error. */
    record Outcome(int code, String state, String message) {
        static final Outcome OK = new Outcome(0, null, "allowed");

        static Outcome value(String v) {
            return new Outcome(0, null, "value " + v);
        }

        @Override
        public String toString() {
            return code == 0 ? message : "ERROR " + code + " (" + state + "): " + message;
        }
    }

    private static final Outcome SKIP = new Outcome(-1, null, "not run");

    // MySQL 5.7's texts of the errors the matrix expects (errmsg-utf8.txt)
    static Outcome table(String command, String account, String table) {
        return new Outcome(1142, "42000", command + " command denied to user '" + account + "'@'localhost' for table '"
                + table + "'");
    }

    static Outcome column(String command, String account, String column, String table) {
        return new Outcome(1143, "42000", command + " command denied to user '" + account + "'@'localhost' for column '"
                + column + "' in table '" + table + "'");
    }

    static Outcome global(String privileges) {
        return new Outcome(1227, "42000", "Access denied; you need (at least one of) the " + privileges
                + " privilege(s) for this operation");
    }

    static Outcome database(String account, String db) {
        return new Outcome(1044, "42000", "Access denied for user '" + account + "'@'localhost' to database '" + db + "'");
    }

    static Outcome routine(String command, String account, String routine) {
        return new Outcome(1370, "42000", command + " command denied to user '" + account + "'@'localhost' for routine '"
                + routine + "'");
    }

    static Outcome accessDenied(String account) {
        return new Outcome(1045, "28000", "Access denied for user '" + account + "'@'localhost' (using password: YES)");
    }

    /**
     * One statement kind: its text ({@code {victim}} and {@code {file}} are filled in per cell),
     * the accounts that may run it, what the others get, and the exceptions to that.
     *
     * @param reset   statements root runs before each cell (and once after the last)
     * @param after   statements the account runs after its cell (UNLOCK TABLES)
     * @param probe   for a statement that every account may run but that shows each a different
     *                result: the value compared, or null
     */
    record Kind(String privilege, String sql, Set<String> allowed, Function<String, Outcome> denied,
                Map<String, Function<String, Outcome>> exceptions, List<String> reset, List<String> after,
                Function<ResultSet, String> probe) {
        Outcome expected(String account) {
            if (exceptions.containsKey(account)) return exceptions.get(account).apply(account);
            if (allowed.contains(account) || account.equals("root")) return Outcome.OK;
            return denied.apply(account);
        }
    }

    private static Kind kind(String privilege, String sql, Set<String> allowed, Function<String, Outcome> denied,
                             String... reset) {
        return new Kind(privilege, sql, allowed, denied, Map.of(), List.of(reset), List.of(), null);
    }

    private static final Function<ResultSet, String> FIRST_VALUE = rs -> {
        try {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    };

    private static final Function<ResultSet, String> ROOT_ROWS = rs -> {
        try {
            int n = 0;
            while (rs.next()) if ("root".equals(rs.getString("User"))) n++;
            return n > 0 ? "1" : "0";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    };

    private static Function<String, Outcome> is(Outcome o) {
        return a -> o;
    }

    /** The matrix: one representative statement per kind, and who may run it. */
    private static List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        k.add(kind("SELECT", "SELECT * FROM db1.t", Set.of("p_select"), a -> table("SELECT", a, "t")));
        k.add(kind("INSERT", "INSERT INTO db1.t VALUES (10, 10)", Set.of("p_insert"), a -> table("INSERT", a, "t")));
        // without WHERE: an UPDATE that reads no column needs UPDATE alone
        k.add(kind("UPDATE", "UPDATE db1.t SET b = 0", Set.of("p_update"), a -> table("UPDATE", a, "t")));
        k.add(kind("DELETE", "DELETE FROM db1.t", Set.of("p_delete"), a -> table("DELETE", a, "t")));
        // what an UPDATE or DELETE reads (its WHERE) needs SELECT on those columns: 1143
        k.add(new Kind("UPDATE, SELECT", "UPDATE db1.t SET b = 0 WHERE a = 1", Set.of(), a -> table("UPDATE", a, "t"),
                Map.of("p_update", a -> column("SELECT", a, "a", "t")), List.of(), List.of(), null));
        k.add(new Kind("DELETE, SELECT", "DELETE FROM db1.t WHERE a = 1", Set.of(), a -> table("DELETE", a, "t"),
                Map.of("p_delete", a -> column("SELECT", a, "a", "t")), List.of(), List.of(), null));
        // REPLACE deletes what it replaces: INSERT and DELETE, the missing ones named together
        k.add(new Kind("INSERT, DELETE", "REPLACE INTO db1.t VALUES (1, 5)", Set.of(),
                a -> table("INSERT,DELETE", a, "t"),
                Map.of("p_insert", a -> table("DELETE", a, "t"), "p_delete", a -> table("INSERT", a, "t")), List.of(),
                List.of(), null));
        k.add(new Kind("INSERT, SELECT", "INSERT INTO db1.t SELECT a + 100, b FROM db1.t2", Set.of(),
                a -> table("INSERT", a, "t"), Map.of("p_insert", a -> table("SELECT", a, "t2")), List.of(), List.of(),
                null));
        k.add(kind("CREATE", "CREATE TABLE db1.n (a INT)", Set.of("p_create"), a -> table("CREATE", a, "n"),
                "DROP TABLE IF EXISTS db1.n"));
        // CREATE TABLE … SELECT writes rows: CREATE and INSERT on the new table (named together), then SELECT on the read one
        k.add(new Kind("CREATE, INSERT", "CREATE TABLE db1.n2 AS SELECT a FROM db1.t", Set.of(),
                a -> table("INSERT,CREATE", a, "n2"), Map.of("p_create", a -> table("INSERT", a, "n2"),
                "p_insert", a -> table("CREATE", a, "n2")), List.of("DROP TABLE IF EXISTS db1.n2"), List.of(), null));
        // CREATE TEMPORARY TABLE needs CREATE TEMPORARY TABLES, a database privilege (1044 without it), not CREATE
        k.add(kind("CREATE TEMPORARY TABLES", "CREATE TEMPORARY TABLE db1.tmp (a INT)", Set.of("p_create_tmp"),
                a -> database(a, "db1")));
        // information_schema's privilege tables: an account's own grants only, unless it may read mysql
        k.add(new Kind("SELECT on mysql", "SELECT COUNT(DISTINCT GRANTEE) > 1 AS others FROM"
                + " information_schema.USER_PRIVILEGES", Set.of(), a -> Outcome.value("0"),
                Map.of("root", a -> Outcome.value("1")), List.of(), List.of(), FIRST_VALUE));
        k.add(kind("DROP", "DROP TABLE db1.d", Set.of("p_drop"), a -> table("DROP", a, "d"),
                "CREATE TABLE IF NOT EXISTS db1.d (a INT)"));
        k.add(kind("DROP", "TRUNCATE TABLE db1.t", Set.of("p_drop"), a -> table("DROP", a, "t")));
        k.add(kind("DROP", "DROP VIEW db1.dv", Set.of("p_drop"), a -> table("DROP", a, "dv"),
                "CREATE OR REPLACE VIEW db1.dv AS SELECT 1 AS x"));
        k.add(kind("CREATE", "CREATE DATABASE db2", Set.of(), a -> database(a, "db2"), "DROP DATABASE IF EXISTS db2"));
        // RENAME TABLE: ALTER and DROP on the old name, CREATE and INSERT on the new one
        k.add(new Kind("ALTER, DROP", "RENAME TABLE db1.r1 TO db1.r2", Set.of(), a -> table("DROP,ALTER", a, "r1"),
                Map.of("p_alter", a -> table("DROP", a, "r1"), "p_drop", a -> table("ALTER", a, "r1")),
                List.of("DROP TABLE IF EXISTS db1.r2", "CREATE TABLE IF NOT EXISTS db1.r1 (a INT)"), List.of(), null));
        k.add(kind("ALTER", "ALTER TABLE db1.al ADD COLUMN c INT", Set.of("p_alter"), a -> table("ALTER", a, "al"),
                "DROP TABLE IF EXISTS db1.al", "CREATE TABLE db1.al (a INT)"));
        k.add(kind("INDEX", "CREATE INDEX i ON db1.ix (a)", Set.of("p_index"), a -> table("INDEX", a, "ix"),
                "DROP TABLE IF EXISTS db1.ix", "CREATE TABLE db1.ix (a INT)"));
        k.add(kind("CREATE VIEW", "CREATE VIEW db1.v AS SELECT 1 AS x", Set.of("p_create_view"),
                a -> table("CREATE VIEW", a, "v"), "DROP VIEW IF EXISTS db1.v"));
        // SHOW CREATE VIEW needs SELECT and SHOW VIEW on the view: SELECT is checked first ("SHOW")
        k.add(new Kind("SHOW VIEW", "SHOW CREATE VIEW db1.tv", Set.of(), a -> table("SHOW", a, "tv"),
                Map.of("p_select", a -> table("SHOW VIEW", a, "tv")), List.of(), List.of(), null));
        k.add(kind("any table privilege", "SHOW CREATE TABLE db1.t", TABLE_KIND, a -> table("SHOW", a, "t")));
        k.add(kind("TRIGGER", "CREATE TRIGGER db1.tr BEFORE INSERT ON db1.t FOR EACH ROW SET @x = 1",
                Set.of("p_trigger"), a -> table("TRIGGER", a, "t"), "DROP TRIGGER IF EXISTS db1.tr"));
        // DROP TRIGGER names no table: TRIGGER on the trigger's table, looked up
        k.add(kind("TRIGGER", "DROP TRIGGER db1.dt", Set.of("p_trigger"), a -> table("TRIGGER", a, "t"),
                "DROP TRIGGER IF EXISTS db1.dt", "CREATE TRIGGER db1.dt BEFORE UPDATE ON db1.t FOR EACH ROW SET @y = 1"));
        k.add(kind("EXECUTE", "CALL db1.p()", Set.of("p_execute"), a -> routine("execute", a, "db1.p")));
        k.add(kind("CREATE ROUTINE", "CREATE PROCEDURE db1.q() DO 1", Set.of("p_create_routine"),
                a -> database(a, "db1"), "DROP PROCEDURE IF EXISTS db1.q"));
        k.add(kind("ALTER ROUTINE", "DROP PROCEDURE db1.p2", Set.of("p_alter_routine"),
                a -> routine("alter routine", a, "db1.p2"), "DROP PROCEDURE IF EXISTS db1.p2",
                "CREATE PROCEDURE db1.p2() DO 1"));
        // LOCK TABLES needs LOCK TABLES (a database privilege: 1044 without it) and SELECT on the table
        k.add(new Kind("LOCK TABLES", "LOCK TABLES db1.t READ", Set.of(), a -> database(a, "db1"),
                Map.of("p_lock_tables", a -> table("SELECT", a, "t")), List.of(), List.of("UNLOCK TABLES"), null));
        k.add(kind("RELOAD", "FLUSH TABLES", Set.of("p_reload"), a -> global("RELOAD")));
        // without PROCESS a session sees only its own account's threads, in both forms
        k.add(new Kind("PROCESS", "SHOW PROCESSLIST", Set.of(), a -> Outcome.value("0"),
                Map.of("p_process", a -> Outcome.value("1"), "root", a -> Outcome.value("1")), List.of(), List.of(),
                ROOT_ROWS));
        k.add(new Kind("PROCESS", "SELECT * FROM information_schema.PROCESSLIST", Set.of(), a -> Outcome.value("0"),
                Map.of("p_process", a -> Outcome.value("1"), "root", a -> Outcome.value("1")), List.of(), List.of(),
                ROOT_ROWS));
        k.add(kind("SUPER", "KILL QUERY {victim}", Set.of("p_super"),
                a -> new Outcome(1095, "HY000", "You are not owner of thread {victim}")));
        k.add(kind("SUPER", "SET GLOBAL max_connections = 151", Set.of("p_super"), a -> global("SUPER")));
        k.add(kind("SUPER", "PURGE BINARY LOGS BEFORE '2000-01-01 00:00:00'", Set.of("p_super"),
                a -> global("SUPER")));
        k.add(kind("REPLICATION CLIENT", "SHOW MASTER STATUS", Set.of("p_super", "p_repl_client"),
                a -> global("SUPER, REPLICATION CLIENT")));
        k.add(kind("REPLICATION CLIENT", "SHOW SLAVE STATUS", Set.of("p_super", "p_repl_client"),
                a -> global("SUPER, REPLICATION CLIENT")));
        k.add(kind("REPLICATION CLIENT", "SHOW BINARY LOGS", Set.of("p_super", "p_repl_client"),
                a -> global("SUPER, REPLICATION CLIENT")));
        k.add(kind("REPLICATION SLAVE", "SHOW BINLOG EVENTS LIMIT 1", Set.of("p_repl_slave"),
                a -> global("REPLICATION SLAVE")));
        k.add(kind("REPLICATION SLAVE", "SHOW SLAVE HOSTS", Set.of("p_repl_slave"),
                a -> global("REPLICATION SLAVE")));
        k.add(new Kind("SHUTDOWN", "SHUTDOWN", Set.of(), a -> global("SHUTDOWN"),
                Map.of("p_shutdown", is(SKIP), "root", is(SKIP)), List.of(), List.of(), null));
        // FILE is global only: asked with SELECT … INTO OUTFILE it is 1045, not 1227
        k.add(kind("FILE", "SELECT 1 INTO OUTFILE '{file}'", Set.of("p_file"), PrivilegeMatrixTest::accessDenied));
        k.add(kind("CREATE USER", "CREATE USER 'nu'@'localhost'", Set.of("p_create_user"),
                a -> global("CREATE USER"), "DROP USER IF EXISTS 'nu'@'localhost'"));
        // GRANT needs GRANT OPTION and the privilege granted; 1142 names what is missing
        k.add(new Kind("GRANT OPTION", "GRANT SELECT ON db1.t TO 'g'@'localhost'", Set.of(),
                a -> table("SELECT,GRANT", a, "t"),
                Map.of("p_select", a -> table("GRANT", a, "t"), "p_grant_option", a -> table("SELECT", a, "t")),
                List.of("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'g'@'localhost'"), List.of(), null));
        // INSTALL PLUGIN needs INSERT on mysql.plugin, checked before the library's name (1124)
        k.add(new Kind("INSERT on mysql.plugin", "INSTALL PLUGIN nope SONAME 'sub/nope.so'", Set.of(),
                a -> table("INSERT", a, "plugin"),
                Map.of("root", is(new Outcome(1124, "HY000", "No paths allowed for shared library"))), List.of(),
                List.of(), null));
        k.add(new Kind("DELETE on mysql.plugin", "UNINSTALL PLUGIN nope", Set.of(), a -> table("DELETE", a, "plugin"),
                Map.of("root", is(new Outcome(1305, "42000", "PLUGIN nope does not exist"))), List.of(), List.of(),
                null));
        k.add(kind("SELECT on mysql", "SELECT User FROM mysql.user", Set.of(), a -> table("SELECT", a, "user")));
        k.add(kind("SELECT on mysql", "SHOW GRANTS FOR 'g'@'localhost'", Set.of(), a -> database(a, "mysql")));
        k.add(kind("any on db1", "USE db1", DB1_ACCOUNTS, a -> database(a, "db1")));
        // SHOW DATABASES lists only the databases an account may use (without SHOW DATABASES)
        k.add(new Kind("any on db1", "SHOW DATABASES", Set.of(),
                a -> Outcome.value(DB1_ACCOUNTS.contains(a) ? "1" : "0"), Map.of("root", a -> Outcome.value("1")),
                List.of(), List.of(), rs -> {
                    try {
                        while (rs.next()) if (rs.getString(1).equals("db1")) return "1";
                        return "0";
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        // SHOW TABLES: 1044 as USE; the tables shown are all with a table-kind privilege on db1.*
        k.add(new Kind("any on db1", "SHOW TABLES FROM db1 LIKE 't'", Set.of(),
                a -> DB1_ACCOUNTS.contains(a) ? Outcome.value(TABLE_KIND.contains(a) ? "1" : "0") : database(a, "db1"),
                Map.of("root", a -> Outcome.value("1")), List.of(), List.of(), rs -> {
                    try {
                        int n = 0;
                        while (rs.next()) n++;
                        return Integer.toString(n);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        return k;
    }

    @TempDir
    static Path dir;
    private Path files;
    private MinisqldHarness server;
    private Connection root;
    private Connection victim;
    private long victimId;
    private final Map<String, Connection> sessions = new LinkedHashMap<>();
    private final AtomicInteger fileNumber = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        files = Files.createDirectory(dir.resolve("files"));
        server = MinisqldHarness.inProcess().name("priv").in(dir).serverId(1).logBin()
                .options("--secure-file-priv=" + files).start();
        root = Driver.MARIADB.connect(server, null);
        run(root, "CREATE DATABASE db1", "CREATE TABLE db1.t (a INT PRIMARY KEY, b INT)",
                "CREATE TABLE db1.t2 (a INT, b INT)",
                "CREATE VIEW db1.tv AS SELECT a FROM db1.t", "CREATE PROCEDURE db1.p() DO 1",
                "CREATE USER 'g'@'localhost'");
        for (Map.Entry<String, String> a : ACCOUNTS.entrySet()) {
            if (a.getKey().equals("root")) continue;
            run(root, "CREATE USER '" + a.getKey() + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'");
            if (a.getValue() != null) run(root, "GRANT " + a.getValue() + " TO '" + a.getKey() + "'@'localhost'");
        }
        for (String a : ACCOUNTS.keySet()) {
            sessions.put(a, a.equals("root") ? Driver.MARIADB.connect(server, null)
                    : Driver.MARIADB.connect(server, null, a, PASSWORD));
        }
        victim = Driver.MARIADB.connect(server, null);
        try (Statement st = victim.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            victimId = rs.getLong(1);
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (Connection c : sessions.values()) c.close();
        if (victim != null) victim.close();
        if (root != null) root.close();
        if (server != null) server.close();
    }

    private static void run(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    /** Root's statements that give every cell the same start. */
    private void resetFixture(Kind k) throws SQLException {
        run(root, "DELETE FROM db1.t", "INSERT INTO db1.t VALUES (1, 1), (2, 2)");
        for (String s : k.reset()) run(root, s);
    }

    private Outcome runCell(Kind k, String account, String sql) throws SQLException {
        Connection c = sessions.get(account);
        try (Statement st = c.createStatement()) {
            boolean rows = st.execute(sql);
            if (k.probe() != null) {
                assertTrue(rows, sql + " gave no rows");
                try (ResultSet rs = st.getResultSet()) {
                    return Outcome.value(k.probe().apply(rs));
                }
            }
            return Outcome.OK;
        } catch (SQLException e) {
            return new Outcome(e.getErrorCode(), e.getSQLState(), stripConn(e.getMessage()));
        } finally {
            for (String s : k.after()) run(c, s);
        }
    }

    private String fill(String text, String file) {
        return text.replace("{victim}", Long.toString(victimId)).replace("{file}", file);
    }

    @TestFactory
    Stream<DynamicTest> everyStatementKindAsEveryAccount() {
        return kinds().stream().map(k -> DynamicTest.dynamicTest(k.privilege() + ": " + k.sql(), () -> {
            List<String> wrong = new ArrayList<>();
            for (String account : ACCOUNTS.keySet()) {
                Outcome want = k.expected(account);
                if (want == SKIP) continue;
                resetFixture(k);
                String file = files.resolve("out-" + fileNumber.incrementAndGet() + ".txt").toString();
                String sql = fill(k.sql(), file);
                want = new Outcome(want.code(), want.state(), fill(want.message(), file));
                Outcome got = runCell(k, account, sql);
                if (!got.equals(want)) wrong.add(account + ": expected " + want + "\n        got " + got);
            }
            resetFixture(k);
            if (!wrong.isEmpty()) fail(k.sql() + "\n    " + String.join("\n    ", wrong));
        }));
    }

    private Outcome outcome(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            return Outcome.OK;
        } catch (SQLException e) {
            return new Outcome(e.getErrorCode(), e.getSQLState(), stripConn(e.getMessage()));
        }
    }

    /**
     * Column privileges (manual 6.2.1, 13.7.1.4): GRANT SELECT (c1) … keeps a row per column in
     * mysql.columns_priv and the union in tables_priv.Column_priv; SHOW GRANTS prints them after
     * their privilege; a statement may use the granted columns only (1143 for the first other).
     */
    @Test
    void columnPrivilegesAreKeptShownAndChecked() throws Exception {
        run(root, "CREATE TABLE db1.c (c1 INT, c2 INT)", "INSERT INTO db1.c VALUES (1, 2)",
                "CREATE USER 'p_col'@'localhost' IDENTIFIED BY 'pw'",
                "GRANT SELECT (c1), INSERT (c1), UPDATE (c2) ON db1.c TO 'p_col'@'localhost'");
        try (Connection c = Driver.MARIADB.connect(server, null, "p_col", PASSWORD)) {
            assertEquals(List.of(List.of("GRANT USAGE ON *.* TO 'p_col'@'localhost'"),
                    List.of("GRANT SELECT (c1), INSERT (c1), UPDATE (c2) ON `db1`.`c` TO 'p_col'@'localhost'")),
                    rows(root, "SHOW GRANTS FOR 'p_col'@'localhost'"));
            assertEquals(List.of(List.of("localhost", "db1", "p_col", "c", "c1", "Select,Insert"),
                    List.of("localhost", "db1", "p_col", "c", "c2", "Update")),
                    rows(root, "SELECT Host, Db, User, Table_name, Column_name, Column_priv FROM mysql.columns_priv"
                            + " WHERE User = 'p_col' ORDER BY Column_name"));
            assertEquals(List.of(List.of("", "Select,Insert,Update")),
                    rows(root, "SELECT Table_priv, Column_priv FROM mysql.tables_priv WHERE User = 'p_col'"));
            String grantee = "'p_col'@'localhost'";
            assertEquals(List.of(List.of(grantee, "db1", "c", "c1", "INSERT", "NO"),
                    List.of(grantee, "db1", "c", "c1", "SELECT", "NO"), List.of(grantee, "db1", "c", "c2", "UPDATE", "NO")),
                    rows(root, "SELECT GRANTEE, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, PRIVILEGE_TYPE, IS_GRANTABLE"
                            + " FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE = \"" + grantee + "\""
                            + " ORDER BY COLUMN_NAME, PRIVILEGE_TYPE"));

            assertEquals(List.of(List.of("1")), rows(c, "SELECT c1 FROM db1.c"));
            Map<String, Outcome> cases = new LinkedHashMap<>();
            cases.put("SELECT c2 FROM db1.c", column("SELECT", "p_col", "c2", "c"));
            cases.put("SELECT * FROM db1.c", column("SELECT", "p_col", "c2", "c"));
            cases.put("SELECT c1 FROM db1.c WHERE c2 = 2", column("SELECT", "p_col", "c2", "c"));
            cases.put("INSERT INTO db1.c (c1) VALUES (5)", Outcome.OK);
            cases.put("INSERT INTO db1.c (c1, c2) VALUES (6, 6)", column("INSERT", "p_col", "c2", "c"));
            cases.put("INSERT INTO db1.c VALUES (7, 7)", column("INSERT", "p_col", "c2", "c"));
            cases.put("UPDATE db1.c SET c2 = 9", Outcome.OK);
            cases.put("UPDATE db1.c SET c2 = 3 WHERE c1 = 1", Outcome.OK);
            cases.put("UPDATE db1.c SET c1 = 9", column("UPDATE", "p_col", "c1", "c"));
            cases.put("UPDATE db1.c SET c2 = c2 + 1", column("SELECT", "p_col", "c2", "c"));
            cases.put("DELETE FROM db1.c", table("DELETE", "p_col", "c"));
            // statements on several tables: each column is the table's its qualifier or its name says
            cases.put("SELECT x.c1, t2.b FROM db1.c x JOIN db1.t2 ON x.c1 = t2.a", Outcome.OK);
            cases.put("SELECT c.c1, t2.b FROM db1.c, db1.t2 WHERE c.c1 = t2.a", Outcome.OK);
            cases.put("SELECT x.c2 FROM db1.c AS x JOIN db1.t2 ON x.c1 = t2.a", column("SELECT", "p_col", "c2", "c"));
            cases.put("SELECT c2 FROM db1.c JOIN db1.t2 ON c1 = t2.a", column("SELECT", "p_col", "c2", "c"));
            cases.put("SELECT t2.b FROM db1.t2 WHERE t2.a IN (SELECT c1 FROM db1.c)", Outcome.OK);
            cases.put("SELECT t2.b FROM db1.t2 WHERE t2.a IN (SELECT c2 FROM db1.c)", column("SELECT", "p_col", "c2", "c"));
            cases.put("UPDATE db1.c JOIN db1.t2 ON c.c1 = t2.a SET c.c2 = t2.b WHERE 1 = 0", Outcome.OK);
            cases.put("UPDATE db1.c JOIN db1.t2 ON c.c2 = t2.a SET c.c2 = 1", column("SELECT", "p_col", "c2", "c"));
            cases.put("UPDATE db1.c, db1.t2 SET c.c1 = 1 WHERE c.c1 = t2.a", column("UPDATE", "p_col", "c1", "c"));
            run(root, "GRANT SELECT ON db1.t2 TO 'p_col'@'localhost'");
            List<String> wrong = new ArrayList<>();
            cases.forEach((sql, want) -> {
                Outcome got = outcome(c, sql);
                if (!got.equals(want)) wrong.add(sql + ": expected " + want + "\n        got " + got);
            });
            run(root, "REVOKE SELECT ON db1.t2 FROM 'p_col'@'localhost'");
            if (!wrong.isEmpty()) fail(String.join("\n    ", wrong));
            assertEquals(List.of(List.of("1", "3"), List.of("5", "9")),
                    rows(root, "SELECT c1, c2 FROM db1.c ORDER BY c1"));

            // a column GRANT names columns of one table
            assertEquals(new Outcome(1054, "42S22", "Unknown column 'nope' in 'c'"),
                    outcome(root, "GRANT SELECT (nope) ON db1.c TO 'p_col'@'localhost'"));
            assertEquals(new Outcome(1144, "42000",
                    "Illegal GRANT/REVOKE command; please consult the manual to see which privileges can be used"),
                    outcome(root, "GRANT SELECT (c1) ON db1.* TO 'p_col'@'localhost'"));

            run(root, "REVOKE SELECT (c1) ON db1.c FROM 'p_col'@'localhost'");
            assertEquals(
                    List.of("GRANT USAGE ON *.* TO 'p_col'@'localhost'",
                            "GRANT INSERT (c1), UPDATE (c2) ON `db1`.`c` TO 'p_col'@'localhost'"),
                    rows(root, "SHOW GRANTS FOR 'p_col'@'localhost'").stream().map(r -> r.get(0)).toList());
            assertEquals(table("SELECT", "p_col", "c"), outcome(c, "SELECT c1 FROM db1.c"));

            // a table privilege and a column one of the same kind are both shown
            run(root, "GRANT INSERT ON db1.c TO 'p_col'@'localhost'");
            assertEquals(
                    "GRANT INSERT, INSERT (c1), UPDATE (c2) ON `db1`.`c` TO 'p_col'@'localhost'",
                    rows(root, "SHOW GRANTS FOR 'p_col'@'localhost'").get(1).get(0));
            run(root, "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'p_col'@'localhost'");
            assertEquals(List.of(List.of("0")),
                    rows(root, "SELECT COUNT(*) FROM mysql.columns_priv WHERE User = 'p_col'"));
        } finally {
            run(root, "DROP USER IF EXISTS 'p_col'@'localhost'", "DROP TABLE IF EXISTS db1.c");
        }
    }

    /**
     * The account limits of MySQL 5.7 (manual 6.3.6, 13.7.1.2): WITH MAX_USER_CONNECTIONS n
     * (1226 beyond it), the global max_user_connections for accounts without their own (1203), and
     * ACCOUNT LOCK (3118 at login). A session may KILL its own account's threads without SUPER.
     */
    @Test
    void accountLimitsAndLocks() throws Exception {
        run(root, "CREATE USER 'lim'@'localhost' IDENTIFIED BY 'pw' WITH MAX_USER_CONNECTIONS 1",
                "CREATE USER 'locked'@'localhost' IDENTIFIED BY 'pw' ACCOUNT LOCK");
        try {
            assertEquals(List.of(List.of("CREATE USER 'lim'@'localhost' IDENTIFIED WITH 'mysql_native_password' AS '"
                    + rows(root, "SELECT authentication_string FROM mysql.user WHERE User = 'lim'").get(0).get(0)
                    + "' REQUIRE NONE WITH MAX_USER_CONNECTIONS 1 PASSWORD EXPIRE DEFAULT ACCOUNT UNLOCK")),
                    rows(root, "SHOW CREATE USER 'lim'@'localhost'"));
            try (Connection first = Driver.MARIADB.connect(server, null, "lim", PASSWORD)) {
                SQLException e = assertThrows(SQLException.class,
                        () -> Driver.MARIADB.connect(server, null, "lim", PASSWORD).close());
                assertServerError(e, 1226, "42000",
                        "User 'lim' has exceeded the 'max_user_connections' resource (current value: 1)");
            }
            try (Connection again = Driver.MARIADB.connect(server, null, "lim", PASSWORD)) {
                assertEquals(List.of(List.of("1")), rows(again, "SELECT 1"), "the limit counts open sessions");
            }

            run(root, "SET GLOBAL max_user_connections = 1");
            try {
                // p_none's matrix session is open already: a second one is over the global limit
                SQLException e = assertThrows(SQLException.class,
                        () -> Driver.MARIADB.connect(server, null, "p_none", PASSWORD).close());
                assertServerError(e, 1203, "42000",
                        "User p_none already has more than 'max_user_connections' active connections");
            } finally {
                run(root, "SET GLOBAL max_user_connections = 0");
            }

            SQLException locked = assertThrows(SQLException.class,
                    () -> Driver.MARIADB.connect(server, null, "locked", PASSWORD).close());
            assertServerError(locked, 3118, "HY000",
                    "Access denied for user 'locked'@'localhost'. Account is locked.");

            // KILL of a thread of one's own account needs no SUPER
            try (Connection a = Driver.MARIADB.connect(server, null, "p_select", PASSWORD)) {
                String id = rows(a, "SELECT CONNECTION_ID()").get(0).get(0);
                assertEquals(Outcome.OK, outcome(sessions.get("p_select"), "KILL QUERY " + id));
            }
        } finally {
            run(root, "DROP USER IF EXISTS 'lim'@'localhost'", "DROP USER IF EXISTS 'locked'@'localhost'");
        }
    }

    /** The SHUTDOWN cells the matrix does not run: an account with only SHUTDOWN stops a server of its own. */
    @Test
    void shutdownPrivilegeStopsTheServer() throws Exception {
        try (MinisqldHarness own = MinisqldHarness.inProcess().name("priv-shutdown").serverId(2).start()) {
            try (Connection c = Driver.MARIADB.connect(own, null)) {
                run(c, "CREATE USER 'p_shutdown'@'localhost' IDENTIFIED BY 'pw'",
                        "GRANT SHUTDOWN ON *.* TO 'p_shutdown'@'localhost'");
            }
            try (Connection c = Driver.MARIADB.connect(own, null, "p_shutdown", PASSWORD)) {
                assertEquals(Outcome.OK, outcome(c, "SHUTDOWN"));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> own.server().awaitShutdown());
            assertTrue(own.errorLogText().contains("Normal shutdown"), own.errorLogText());
        }
    }

    /**
     * Routine privileges (manual 6.2.1, 13.7.1.4): GRANT … ON PROCEDURE | FUNCTION db.name keeps
     * a row in mysql.procs_priv; CALL needs EXECUTE and DROP ALTER ROUTINE on the routine (1370);
     * a routine's creator gets both on it (automatic_sp_privileges), and its grants go when it is
     * dropped.
     */
    @Test
    void routinePrivilegesAreKeptShownAndChecked() throws Exception {
        run(root, "CREATE USER 'p_r'@'localhost' IDENTIFIED BY 'pw'",
                "GRANT EXECUTE ON PROCEDURE db1.p TO 'p_r'@'localhost'");
        try (Connection c = Driver.MARIADB.connect(server, null, "p_r", PASSWORD)) {
            assertEquals(List.of("GRANT USAGE ON *.* TO 'p_r'@'localhost'",
                    "GRANT EXECUTE ON PROCEDURE `db1`.`p` TO 'p_r'@'localhost'"),
                    rows(root, "SHOW GRANTS FOR 'p_r'@'localhost'").stream().map(r -> r.get(0)).toList());
            assertEquals(List.of(List.of("localhost", "db1", "p_r", "p", "PROCEDURE", "Execute")),
                    rows(root, "SELECT Host, Db, User, Routine_name, Routine_type, Proc_priv FROM mysql.procs_priv"
                            + " WHERE User = 'p_r'"));
            assertEquals(Outcome.OK, outcome(c, "CALL db1.p()"));
            assertEquals(Outcome.OK, outcome(c, "USE db1"), "a routine's grant opens its database");
            assertEquals(routine("alter routine", "p_r", "db1.p"), outcome(c, "DROP PROCEDURE db1.p"));
            assertEquals(new Outcome(1305, "42000", "PROCEDURE db1.nope does not exist"),
                    outcome(root, "GRANT EXECUTE ON PROCEDURE db1.nope TO 'p_r'@'localhost'"));
            assertEquals(new Outcome(1144, "42000",
                    "Illegal GRANT/REVOKE command; please consult the manual to see which privileges can be used"),
                    outcome(root, "GRANT SELECT ON PROCEDURE db1.p TO 'p_r'@'localhost'"));
            run(root, "REVOKE EXECUTE ON PROCEDURE db1.p FROM 'p_r'@'localhost'");
            assertEquals(routine("execute", "p_r", "db1.p"), outcome(c, "CALL db1.p()"));
            assertEquals(new Outcome(1403, "42000",
                    "There is no such grant defined for user 'p_r' on host 'localhost' on routine 'p'"),
                    outcome(root, "REVOKE EXECUTE ON PROCEDURE db1.p FROM 'p_r'@'localhost'"));

            Connection creator = sessions.get("p_create_routine");
            assertEquals(Outcome.OK, outcome(creator, "CREATE PROCEDURE db1.ap() DO 1"));
            assertEquals("GRANT EXECUTE, ALTER ROUTINE ON PROCEDURE `db1`.`ap` TO 'p_create_routine'@'localhost'",
                    rows(root, "SHOW GRANTS FOR 'p_create_routine'@'localhost'").get(2).get(0));
            assertEquals(Outcome.OK, outcome(creator, "CALL db1.ap()"));
            assertEquals(Outcome.OK, outcome(creator, "DROP PROCEDURE db1.ap"));
            assertEquals(List.of(List.of("0")),
                    rows(root, "SELECT COUNT(*) FROM mysql.procs_priv WHERE Routine_name = 'ap'"));
        } finally {
            run(root, "DROP USER IF EXISTS 'p_r'@'localhost'", "DROP PROCEDURE IF EXISTS db1.ap");
        }
    }

    /**
     * SQL SECURITY DEFINER (the default) runs a routine's statements with its definer's privileges,
     * SQL SECURITY INVOKER with the caller's, as MySQL 5.7; CURRENT_USER() names the definer inside,
     * USER() the client; a routine whose definer is gone is 1449.
     */
    @Test
    void definerRoutinesRunWithTheirDefinersPrivileges() throws Exception {
        run(root, "CREATE USER 'p_call'@'localhost' IDENTIFIED BY 'pw'",
                "CREATE DEFINER = 'root'@'localhost' PROCEDURE db1.count_t() SELECT COUNT(*) AS n, CURRENT_USER() AS cu FROM db1.t",
                "CREATE DEFINER = 'root'@'localhost' PROCEDURE db1.count_t_invoker() SQL SECURITY INVOKER"
                        + " SELECT COUNT(*) FROM db1.t",
                "CREATE DEFINER = 'root'@'localhost' FUNCTION db1.t_rows() RETURNS INT READS SQL DATA"
                        + " RETURN (SELECT COUNT(*) FROM db1.t)",
                "CREATE USER 'gone'@'localhost'",
                "CREATE DEFINER = 'gone'@'localhost' PROCEDURE db1.orphan() SELECT 1",
                "DROP USER 'gone'@'localhost'",
                "GRANT EXECUTE ON PROCEDURE db1.count_t TO 'p_call'@'localhost'",
                "GRANT EXECUTE ON PROCEDURE db1.count_t_invoker TO 'p_call'@'localhost'",
                "GRANT EXECUTE ON FUNCTION db1.t_rows TO 'p_call'@'localhost'",
                "GRANT EXECUTE ON PROCEDURE db1.orphan TO 'p_call'@'localhost'");
        try (Connection c = Driver.MARIADB.connect(server, null, "p_call", PASSWORD)) {
            String count = rows(root, "SELECT COUNT(*) FROM db1.t").get(0).get(0);
            assertEquals(table("SELECT", "p_call", "t"), outcome(c, "SELECT COUNT(*) FROM db1.t"));
            assertEquals(List.of(List.of(count, "root@localhost")), rows(c, "CALL db1.count_t()"));
            assertEquals(List.of(List.of(count)), rows(c, "SELECT db1.t_rows()"));
            assertEquals(List.of(List.of("p_call@localhost", "p_call@localhost")),
                    rows(c, "SELECT CURRENT_USER(), USER()"), "the client's own context again after the call");
            assertEquals(table("SELECT", "p_call", "t"), outcome(c, "CALL db1.count_t_invoker()"));
            assertEquals(new Outcome(1449, "HY000", "The user specified as a definer ('gone'@'localhost') does not exist"),
                    outcome(c, "CALL db1.orphan()"));
        } finally {
            run(root, "DROP USER IF EXISTS 'p_call'@'localhost'", "DROP PROCEDURE IF EXISTS db1.count_t",
                    "DROP PROCEDURE IF EXISTS db1.count_t_invoker", "DROP FUNCTION IF EXISTS db1.t_rows",
                    "DROP PROCEDURE IF EXISTS db1.orphan");
        }
    }

    /**
     * Definers, as MySQL 5.7: naming another account as DEFINER of a routine or trigger needs SUPER
     * (1227); a trigger made without one has its creator as definer; what a trigger's body does
     * needs its definer's privileges (MySQL checks them when the trigger fires, this server when it
     * is made: docs/compatibility.md, Privileges).
     */
    @Test
    void definersNeedSuperAndTriggerBodiesTheirDefinersPrivileges() throws Exception {
        run(root, "CREATE USER 'p_trg'@'localhost' IDENTIFIED BY 'pw'",
                "GRANT TRIGGER, INSERT, SELECT ON db1.t TO 'p_trg'@'localhost'",
                "GRANT CREATE ROUTINE ON db1.* TO 'p_trg'@'localhost'");
        try (Connection c = Driver.MARIADB.connect(server, null, "p_trg", PASSWORD)) {
            Outcome needsSuper = new Outcome(1227, "42000",
                    "Access denied; you need (at least one of) the SUPER privilege(s) for this operation");
            assertEquals(needsSuper, outcome(c, "CREATE DEFINER = 'root'@'localhost' PROCEDURE db1.as_root() SELECT 1"));
            assertEquals(needsSuper, outcome(c, "CREATE DEFINER = 'root'@'localhost' TRIGGER db1.tr_root"
                    + " BEFORE INSERT ON db1.t FOR EACH ROW SET NEW.b = 1"));
            // the body writes a table its definer may not write
            assertEquals(table("INSERT", "p_trg", "t2"), outcome(c, "CREATE TRIGGER db1.tr_t2 AFTER INSERT ON db1.t"
                    + " FOR EACH ROW INSERT INTO db1.t2 VALUES (NEW.a, NEW.b)"));
            assertEquals(Outcome.OK, outcome(c, "CREATE TRIGGER db1.tr_own BEFORE INSERT ON db1.t FOR EACH ROW"
                    + " SET NEW.b = (SELECT COUNT(*) FROM db1.t)"));
            assertEquals(List.of(List.of("p_trg@localhost")), rows(root, "SELECT DEFINER FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_NAME = 'tr_own'"));
            assertEquals(Outcome.OK, outcome(c, "CREATE DEFINER = CURRENT_USER PROCEDURE db1.as_me() SELECT 1"));
        } finally {
            run(root, "DROP TRIGGER IF EXISTS db1.tr_own", "DROP TRIGGER IF EXISTS db1.tr_t2",
                    "DROP TRIGGER IF EXISTS db1.tr_root", "DROP PROCEDURE IF EXISTS db1.as_me",
                    "DROP PROCEDURE IF EXISTS db1.as_root", "DROP USER IF EXISTS 'p_trg'@'localhost'");
        }
    }

    /** MySQL 5.7: after CREATE TEMPORARY TABLE the server checks no privilege on that table. */
    @Test
    void aTemporaryTableNeedsNoFurtherPrivileges() throws Exception {
        Connection c = sessions.get("p_create_tmp");
        assertEquals(Outcome.OK, outcome(c, "CREATE TEMPORARY TABLE db1.mine (a INT)"));
        assertEquals(Outcome.OK, outcome(c, "INSERT INTO db1.mine VALUES (1), (2)"));
        assertEquals(Outcome.OK, outcome(c, "UPDATE db1.mine SET a = a + 10"));
        assertEquals(List.of(List.of("11"), List.of("12")), rows(c, "SELECT a FROM db1.mine ORDER BY a"));
        // a base table is checked as before
        assertEquals(table("SELECT", "p_create_tmp", "t"), outcome(c, "SELECT * FROM db1.t"));
        assertEquals(Outcome.OK, outcome(c, "DROP TEMPORARY TABLE db1.mine"));
        // gone: the name is a base table's name again, checked
        assertEquals(table("INSERT", "p_create_tmp", "mine"), outcome(c, "INSERT INTO db1.mine VALUES (3)"));
    }

    /**
     * MAX_QUERIES_PER_HOUR, MAX_UPDATES_PER_HOUR and MAX_CONNECTIONS_PER_HOUR (MySQL 5.7, 6.3.6):
     * counted per account over an hour, 1226 beyond them naming MySQL's resource, started again
     * by FLUSH USER_RESOURCES; kept in mysql.user and shown by SHOW CREATE USER.
     */
    @Test
    void hourlyLimitsAreCountedAndRefused() throws Exception {
        run(root, "CREATE USER 'hq'@'localhost' IDENTIFIED BY 'pw' WITH MAX_QUERIES_PER_HOUR 3 MAX_UPDATES_PER_HOUR 1"
                + " MAX_CONNECTIONS_PER_HOUR 2", "GRANT SELECT, INSERT ON db1.t2 TO 'hq'@'localhost'");
        try {
            assertTrue(rows(root, "SHOW CREATE USER 'hq'@'localhost'").get(0).get(0).endsWith(" REQUIRE NONE WITH"
                    + " MAX_QUERIES_PER_HOUR 3 MAX_UPDATES_PER_HOUR 1 MAX_CONNECTIONS_PER_HOUR 2 PASSWORD EXPIRE DEFAULT"
                    + " ACCOUNT UNLOCK"), rows(root, "SHOW CREATE USER 'hq'@'localhost'").toString());
            assertEquals(List.of(List.of("3", "1", "2")), rows(root, "SELECT max_questions, max_updates, max_connections"
                    + " FROM mysql.user WHERE User = 'hq'"));
            io.minisqld.testcommon.Program.Result questions = server.mariadb("SELECT 1;\nSELECT 2;\nSELECT 3;\nSELECT 4;\n",
                    "-uhq", "-ppw");
            assertTrue(questions.stderr().contains("ERROR 1226 (42000) at line 4: User 'hq' has exceeded the"
                    + " 'max_questions' resource (current value: 3)"), questions.toString());
            run(root, "FLUSH USER_RESOURCES");
            io.minisqld.testcommon.Program.Result updates = server.mariadb("INSERT INTO db1.t2 VALUES (41, 1);\n"
                    + "INSERT INTO db1.t2 VALUES (42, 2);\n", "-uhq", "-ppw");
            assertTrue(updates.stderr().contains("ERROR 1226 (42000) at line 2: User 'hq' has exceeded the"
                    + " 'max_updates' resource (current value: 1)"), updates.toString());
            assertEquals(0, server.mariadb("SELECT 1;\n", "-uhq", "-ppw").exitCode());
            io.minisqld.testcommon.Program.Result third = server.mariadb("SELECT 1;\n", "-uhq", "-ppw");
            assertTrue(third.stderr().contains("ERROR 1226 (42000): User 'hq' has exceeded the"
                    + " 'max_connections_per_hour' resource (current value: 2)"), third.toString());
        } finally {
            run(root, "DROP USER IF EXISTS 'hq'@'localhost'", "DELETE FROM db1.t2 WHERE a IN (41, 42)");
        }
    }
}
