package io.minisqld.server.auth;

import io.minisqld.server.grant.NativePassword;

import io.minisqld.server.grant.AccountName;
import static io.minisqld.server.auth.AccountTestSupport.SCRAMBLE;
import static io.minisqld.server.auth.AccountTestSupport.assertError;
import static io.minisqld.server.auth.AccountTestSupport.column;
import static io.minisqld.server.auth.AccountTestSupport.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.statement.AccountParser;
import io.minisqld.server.engine.h2.H2StorageEngine;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account statements as a MySQL 5.7 user sees them: SHOW GRANTS rows and error texts. */
class AccountStatementsTest {
    private static final QueryLexer LEXER = new QueryLexer();

    @TempDir
    Path datadir;

    private H2StorageEngine engine;
    private AccountStore store;
    private AccountStatements statements;
    private Account root;

    @BeforeEach
    void open() {
        engine = H2StorageEngine.open(datadir);
        store = AccountStore.open(engine);
        statements = new AccountStatements(store);
        root = store.authenticate("root", "127.0.0.1", SCRAMBLE, new byte[0]);
        try (EngineSession s = engine.openSession()) {
            s.executeInternal("CREATE TABLE IF NOT EXISTS mysql.plugin (name VARCHAR(64) PRIMARY KEY, dl VARCHAR(128))");
            s.commit();
        }
        engine.createDatabase("test", true);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private StatementResult run(String sql) {
        return run(sql, root);
    }

    private StatementResult run(String sql, Account as) {
        return run(sql, as, null);
    }

    private StatementResult run(String sql, Account as, String database) {
        return statements.execute(AccountParser.parse(LEXER.statement(sql), database), as);
    }

    private List<String> grants(String user) {
        return column(run("SHOW GRANTS FOR " + user));
    }

    @Test
    void showGrantsPrintsMySql57Lines() {
        assertEquals(OkResult.EMPTY, run("CREATE USER 'repl'@'%' IDENTIFIED BY 'slavepass'"));
        RowsResult r = (RowsResult) run("SHOW GRANTS FOR 'repl'@'%'");
        assertEquals("Grants for repl@%", r.columns().get(0).name());
        assertEquals(List.of("GRANT USAGE ON *.* TO 'repl'@'%'"), column(r));

        run("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
        assertEquals(List.of("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'"), grants("repl"));

        run("GRANT SELECT, INSERT ON test.* TO repl");
        run("GRANT INSERT, DELETE ON mysql.plugin TO repl");
        run("GRANT SUPER, REPLICATION CLIENT ON *.* TO repl");
        assertEquals(List.of("GRANT SUPER, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'%'",
                "GRANT SELECT, INSERT ON `test`.* TO 'repl'@'%'",
                "GRANT INSERT, DELETE ON `mysql`.`plugin` TO 'repl'@'%'"), grants("repl"));

        run("REVOKE INSERT ON test.* FROM repl");
        run("REVOKE DELETE ON mysql.plugin FROM repl");
        run("REVOKE SUPER ON *.* FROM repl");
        assertEquals(List.of("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'%'",
                "GRANT SELECT ON `test`.* TO 'repl'@'%'",
                "GRANT INSERT ON `mysql`.`plugin` TO 'repl'@'%'"), grants("repl"));

        run("REVOKE SELECT ON test.* FROM repl");
        assertEquals(List.of("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'%'",
                "GRANT INSERT ON `mysql`.`plugin` TO 'repl'@'%'"), grants("repl"), "an empty db grant row goes away");

        run("REVOKE ALL PRIVILEGES, GRANT OPTION FROM repl");
        assertEquals(List.of("GRANT USAGE ON *.* TO 'repl'@'%'"), grants("repl"));
    }

    @Test
    void allPrivilegesAndGrantOption() {
        run("CREATE USER admin@localhost, dba, t");
        run("GRANT ALL PRIVILEGES ON *.* TO admin@localhost WITH GRANT OPTION");
        assertEquals(List.of("GRANT ALL PRIVILEGES ON *.* TO 'admin'@'localhost' WITH GRANT OPTION"),
                grants("'admin'@'localhost'"));
        run("GRANT ALL ON test.* TO dba");
        run("GRANT CREATE TEMPORARY TABLES, LOCK TABLES ON shop.* TO dba WITH GRANT OPTION");
        assertEquals(List.of("GRANT USAGE ON *.* TO 'dba'@'%'",
                "GRANT CREATE TEMPORARY TABLES, LOCK TABLES ON `shop`.* TO 'dba'@'%' WITH GRANT OPTION",
                "GRANT ALL PRIVILEGES ON `test`.* TO 'dba'@'%'"), grants("dba"));
        run("GRANT ALL ON mysql.plugin TO t");
        assertEquals(List.of("GRANT USAGE ON *.* TO 't'@'%'", "GRANT ALL PRIVILEGES ON `mysql`.`plugin` TO 't'@'%'"),
                grants("t"));
        // REVOKE ALL at a level keeps GRANT OPTION, as MySQL's ALL means every privilege but that one
        run("REVOKE ALL ON *.* FROM admin@localhost");
        assertEquals(List.of("GRANT USAGE ON *.* TO 'admin'@'localhost' WITH GRANT OPTION"), grants("admin@localhost"));

        assertEquals(List.of("GRANT ALL PRIVILEGES ON *.* TO 'root'@'localhost' WITH GRANT OPTION"),
                column(run("SHOW GRANTS FOR CURRENT_USER()")));
        assertEquals("Grants for root@localhost", ((RowsResult) run("SHOW GRANTS FOR CURRENT_USER")).columns().get(0).name());
    }

    @Test
    void grantIdentifiedByCreatesTheUserAndWithoutItGives1133() {
        assertError(1133, "42000", "Can't find any matching row in the user table",
                () -> run("GRANT SELECT ON *.* TO ghost"));
        assertFalse(store.exists(new AccountName("ghost", "%")));
        run("GRANT SELECT ON *.* TO ghost IDENTIFIED BY 'boo'");
        assertEquals(List.of("GRANT SELECT ON *.* TO 'ghost'@'%'"), grants("ghost"));
        assertEquals(new AccountName("ghost", "%"), login(store, "ghost", "127.0.0.1", "boo").name());
        run("GRANT USAGE ON *.* TO ghost IDENTIFIED BY 'new'");
        assertEquals(new AccountName("ghost", "%"), login(store, "ghost", "127.0.0.1", "new").name());
    }

    @Test
    void passwordChanges() {
        run("CREATE USER pw@localhost IDENTIFIED BY 'one'");
        Account pw = login(store, "pw", "127.0.0.1", "one");
        run("SET PASSWORD = 'two'", pw);
        assertEquals(pw.name(), login(store, "pw", "127.0.0.1", "two").name());
        run("ALTER USER USER() IDENTIFIED BY 'three'", pw);
        assertEquals(pw.name(), login(store, "pw", "127.0.0.1", "three").name());
        run("SET PASSWORD FOR pw@localhost = PASSWORD('four')");
        assertEquals(pw.name(), login(store, "pw", "127.0.0.1", "four").name());
        run("ALTER USER pw@localhost IDENTIFIED WITH mysql_native_password AS '" + NativePassword.hash("five") + "'");
        assertEquals(pw.name(), login(store, "pw", "127.0.0.1", "five").name());
        assertEquals(NativePassword.hash("five"), store.authenticationString(pw.name()));
        run("ALTER USER pw@localhost IDENTIFIED BY ''");
        assertEquals(pw.name(), store.authenticate("pw", "127.0.0.1", SCRAMBLE, new byte[0]).name());

        assertError(1044, "42000", "Access denied for user 'pw'@'localhost' to database 'mysql'",
                () -> run("SET PASSWORD FOR root@localhost = 'x'", pw));
        assertError(1227, "42000", "Access denied; you need (at least one of) the CREATE USER privilege(s) for this operation",
                () -> run("ALTER USER root@localhost IDENTIFIED BY 'x'", pw));
        assertError(1133, "42000", "Can't find any matching row in the user table",
                () -> run("SET PASSWORD FOR nosuch = 'x'"));
    }

    @Test
    void renameAndDrop() {
        run("CREATE USER a IDENTIFIED BY 'a'");
        run("GRANT SELECT ON test.* TO a");
        run("RENAME USER a TO 'b'@'localhost'");
        assertFalse(store.exists(new AccountName("a", "%")));
        assertEquals(List.of("GRANT USAGE ON *.* TO 'b'@'localhost'", "GRANT SELECT ON `test`.* TO 'b'@'localhost'"),
                grants("b@localhost"));
        assertEquals(new AccountName("b", "localhost"), login(store, "b", "127.0.0.1", "a").name());
        run("DROP USER b@localhost");
        assertFalse(store.exists(new AccountName("b", "localhost")));
        run("CREATE USER b@localhost");
        assertEquals(List.of("GRANT USAGE ON *.* TO 'b'@'localhost'"), grants("b@localhost"), "grants went with the user");
        assertEquals(OkResult.EMPTY, run("DROP USER IF EXISTS nobody, b@localhost"));
        assertEquals(OkResult.EMPTY, run("CREATE USER IF NOT EXISTS root@localhost"));
    }

    @Test
    void operationFailedErrors() {
        run("CREATE USER u1, u2");
        assertError(1396, "HY000", "Operation CREATE USER failed for 'u1'@'%'", () -> run("CREATE USER u1"));
        assertError(1396, "HY000", "Operation CREATE USER failed for 'u1'@'%','u2'@'%'",
                () -> run("CREATE USER u1, u3, u2"));
        assertTrue(store.exists(new AccountName("u3", "%")), "MySQL creates the accounts it can");
        assertError(1396, "HY000", "Operation DROP USER failed for 'nobody'@'%'", () -> run("DROP USER nobody"));
        assertError(1396, "HY000", "Operation DROP USER failed for 'x'@'localhost'", () -> run("DROP USER u3, x@localhost"));
        assertFalse(store.exists(new AccountName("u3", "%")));
        assertError(1396, "HY000", "Operation ALTER USER failed for 'nobody'@'%'",
                () -> run("ALTER USER nobody IDENTIFIED BY 'x'"));
        assertError(1396, "HY000", "Operation RENAME USER failed for 'nobody'@'%'", () -> run("RENAME USER nobody TO n2"));
        assertError(1396, "HY000", "Operation RENAME USER failed for 'u1'@'%'", () -> run("RENAME USER u1 TO u2"));
    }

    @Test
    void noSuchGrantErrors() {
        run("CREATE USER u");
        assertError(1141, "42000", "There is no such grant defined for user 'ghost' on host '%'",
                () -> run("SHOW GRANTS FOR ghost"));
        assertError(1141, "42000", "There is no such grant defined for user 'u' on host '%'",
                () -> run("REVOKE SELECT ON test.* FROM u"));
        assertError(1141, "42000", "There is no such grant defined for user 'ghost' on host 'localhost'",
                () -> run("REVOKE SELECT ON *.* FROM ghost@localhost"));
        assertError(1147, "42000", "There is no such grant defined for user 'u' on host '%' on table 'plugin'",
                () -> run("REVOKE INSERT ON mysql.plugin FROM u"));
        assertError(1269, "HY000", "Can't revoke all privileges for one or more of the requested users",
                () -> run("REVOKE ALL PRIVILEGES, GRANT OPTION FROM u, ghost"));
        assertError(1146, "42S02", "Table 'test.nosuch' doesn't exist", () -> run("GRANT SELECT ON test.nosuch TO u"));
    }

    @Test
    void wrongLevelErrors() {
        run("CREATE USER u");
        assertError(1221, "HY000", "Incorrect usage of DB GRANT and GLOBAL PRIVILEGES",
                () -> run("GRANT SUPER ON test.* TO u"));
        assertError(1144, "42000",
                "Illegal GRANT/REVOKE command; please consult the manual to see which privileges can be used",
                () -> run("GRANT EXECUTE ON mysql.plugin TO u"));
        assertError(1046, "3D000", "No database selected", () -> run("GRANT SELECT ON plugin TO u"));
        run("GRANT SELECT ON plugin TO u", root, "mysql");
        assertEquals(List.of("GRANT USAGE ON *.* TO 'u'@'%'", "GRANT SELECT ON `mysql`.`plugin` TO 'u'@'%'"), grants("u"));
    }

    @Test
    void privilegeErrors() {
        run("CREATE USER app IDENTIFIED BY 'pw'");
        run("GRANT SELECT, CREATE ON *.* TO app");
        Account app = login(store, "app", "127.0.0.1", "pw");

        assertError(1227, "42000", "Access denied; you need (at least one of) the CREATE USER privilege(s) for this operation",
                () -> run("CREATE USER other", app));
        assertError(1227, "42000", "Access denied; you need (at least one of) the CREATE USER privilege(s) for this operation",
                () -> run("DROP USER root@localhost", app));
        assertError(1227, "42000", "Access denied; you need (at least one of) the CREATE USER privilege(s) for this operation",
                () -> run("RENAME USER root@localhost TO r", app));
        assertError(1227, "42000", "Access denied; you need (at least one of) the CREATE USER privilege(s) for this operation",
                () -> run("REVOKE ALL PRIVILEGES, GRANT OPTION FROM root@localhost", app));
        assertError(1227, "42000", "Access denied; you need (at least one of) the RELOAD privilege(s) for this operation",
                () -> run("FLUSH PRIVILEGES", app));
        assertError(1045, "28000", "Access denied for user 'app'@'%' (using password: YES)",
                () -> run("GRANT SELECT ON *.* TO app", app));
        assertError(1044, "42000", "Access denied for user 'app'@'%' to database 'test'",
                () -> run("GRANT SELECT ON test.* TO app", app));
        assertError(1142, "42000", "INSERT,GRANT command denied to user 'app'@'localhost' for table 'plugin'",
                () -> run("GRANT INSERT ON mysql.plugin TO app", app));
        assertError(1142, "42000", "GRANT command denied to user 'app'@'localhost' for table 'plugin'",
                () -> run("GRANT SELECT ON mysql.plugin TO app", app));
        // MySQL 5.7: INSERT on the mysql database is as good as CREATE USER for CREATE USER
        run("GRANT INSERT ON mysql.* TO app");
        assertEquals(OkResult.EMPTY, run("CREATE USER other", app));
        // SHOW GRANTS for someone else reads the mysql database: app has SELECT on *.*
        assertEquals(List.of("GRANT ALL PRIVILEGES ON *.* TO 'root'@'localhost' WITH GRANT OPTION"),
                column(run("SHOW GRANTS FOR root@localhost", app)));

        run("CREATE USER weak IDENTIFIED BY 'w'");
        run("GRANT SELECT ON test.* TO weak WITH GRANT OPTION");
        Account weak = login(store, "weak", "127.0.0.1", "w");
        assertError(1044, "42000", "Access denied for user 'weak'@'%' to database 'mysql'",
                () -> run("SHOW GRANTS FOR root@localhost", weak));
        assertEquals(List.of("GRANT USAGE ON *.* TO 'weak'@'%'", "GRANT SELECT ON `test`.* TO 'weak'@'%' WITH GRANT OPTION"),
                column(run("SHOW GRANTS", weak)));
        // GRANT OPTION on test.* lets weak pass on what it has there, and nothing more
        run("GRANT SELECT ON test.* TO app", weak);
        assertError(1044, "42000", "Access denied for user 'weak'@'%' to database 'test'",
                () -> run("GRANT INSERT ON test.* TO app", weak));
        assertError(1142, "42000", "INSERT,GRANT command denied to user 'weak'@'localhost' for table 'plugin'",
                () -> run("GRANT INSERT ON mysql.plugin TO app", weak));
        assertError(1410, "42000", "You are not allowed to create a user with GRANT",
                () -> run("GRANT SELECT ON test.* TO newbie IDENTIFIED BY 'x'", weak));
    }

    @Test
    void concurrentCreateOfOneAccountSucceedsOnce() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        run("CREATE USER racer");
                        return 0;
                    } catch (io.minisqld.server.error.SqlError e) {
                        return e.number();
                    }
                }));
            }
            go.countDown();
            List<Integer> numbers = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : results) numbers.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            numbers.sort(null);
            assertEquals(List.of(0, 1396, 1396, 1396), numbers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void grantTablesHaveMySqlColumnNames() {
        List<String> columns = engine.systemSession().describe("mysql", "user").columns().stream()
                .map(c -> c.name()).toList();
        assertEquals(List.of("Host", "User", "Select_priv", "Insert_priv", "Update_priv", "Delete_priv", "Create_priv",
                "Drop_priv", "Reload_priv", "Shutdown_priv", "Process_priv", "File_priv", "Grant_priv",
                "References_priv", "Index_priv", "Alter_priv", "Show_db_priv", "Super_priv", "Create_tmp_table_priv",
                "Lock_tables_priv", "Execute_priv", "Repl_slave_priv", "Repl_client_priv", "Create_view_priv",
                "Show_view_priv", "Create_routine_priv", "Alter_routine_priv", "Create_user_priv", "Event_priv",
                "Trigger_priv", "Create_tablespace_priv", "plugin", "authentication_string", "account_locked", "ssl_type",
                "ssl_cipher", "x509_issuer", "x509_subject", "max_user_connections", "max_questions",
                "max_updates", "max_connections", "password_expired", "password_last_changed", "password_lifetime"),
                columns);
        assertEquals(List.of("Host", "Db", "User", "Table_name", "Column_name", "Timestamp", "Column_priv"),
                engine.systemSession().describe("mysql", "columns_priv").columns().stream().map(c -> c.name()).toList());
        run("CREATE USER 'col'@'10.%'");
        run("GRANT INSERT ON mysql.plugin TO 'col'@'10.%'");
        try (EngineSession s = engine.openSession()) {
            RowsResult r = ((EngineSession.Rows) s.executeInternal(
                    "SELECT Host, `User`, Db, Table_name, Table_priv FROM mysql.tables_priv")).rows();
            assertEquals("10.% col mysql plugin Insert", r.text(0, 0) + " " + r.text(0, 1) + " " + r.text(0, 2) + " "
                    + r.text(0, 3) + " " + r.text(0, 4));
            r = ((EngineSession.Rows) s.executeInternal(
                    "SELECT Super_priv, Repl_slave_priv FROM mysql.`user` WHERE `User` = 'root'")).rows();
            assertEquals("Y Y", r.text(0, 0) + " " + r.text(0, 1));
        }
    }

    @Test
    void malformedStatementGives1064() {
        assertError(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your "
                        + "MySQL server version for the right syntax to use near 'TOO bob' at line 1",
                () -> run("GRANT SELECT ON *.* TOO bob"));
    }
}
