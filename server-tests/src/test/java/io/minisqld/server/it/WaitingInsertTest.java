package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Blocked;
import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A multi-row INSERT, or an INSERT … SELECT, that reaches a unique key another open transaction
 * holds waits for that transaction, as InnoDB does, and then inserts each of its rows once, or
 * fails with 1062 having inserted none. Before the engine started H2's attempts of a statement from
 * where the first one started (H2StatementRetries), the rows ahead of the waiting one were inserted
 * again at each attempt: 26,055 rows for a 3-row INSERT that waited 1.5 seconds, with no error.
 * The table and the ROW binlog (read by {@code mariadb-binlog -v}) are checked.
 */
class WaitingInsertTest {
    private static MinisqldHarness server;
    private static String url;
    private final ExecutorService waiting = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("waiting-insert").serverId(1).logBin().start();
        url = server.jdbcUrl("root", "") + "&socketTimeout=60000";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE wi");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void rowsAheadOfTheWaitingOneAreInsertedOnceWhenTheHolderRollsBack() throws Exception {
        List<String> inserted = insertWhileAnotherTransactionHoldsCode3("nopk",
                "CREATE TABLE wi.nopk (a INT, code INT, UNIQUE KEY (code))",
                "INSERT INTO wi.nopk VALUES (1, NULL), (2, NULL), (3, 3)", false);
        assertEquals(List.of("3 rows"), inserted);
        assertEquals(List.of("1,null", "2,null", "3,3"), rows("SELECT a, code FROM wi.nopk ORDER BY a"));
        assertEquals(3, binlogInserts("wi`.`nopk"), "row images of wi.nopk in the binlog");
    }

    @Test
    void rowsWithKeysOfTheirOwnAreNotTakenForDuplicatesOfThemselves() throws Exception {
        List<String> inserted = insertWhileAnotherTransactionHoldsCode3("pk",
                "CREATE TABLE wi.pk (id INT PRIMARY KEY, code INT, UNIQUE KEY (code))",
                "INSERT INTO wi.pk VALUES (1, 1), (2, 2), (3, 3)", false);
        assertEquals(List.of("3 rows"), inserted);
        assertEquals(List.of("1,1", "2,2", "3,3"), rows("SELECT id, code FROM wi.pk ORDER BY id"));
        assertEquals(3, binlogInserts("wi`.`pk"), "row images of wi.pk in the binlog");
    }

    @Test
    void anInsertSelectWaitsTooAndFailsWholeWhenTheHolderCommits() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE wi.src (a INT, code INT)");
            st.execute("INSERT INTO wi.src VALUES (1, NULL), (2, NULL), (3, 3)");
        }
        List<String> inserted = insertWhileAnotherTransactionHoldsCode3("sel",
                "CREATE TABLE wi.sel (a INT, code INT, UNIQUE KEY (code))",
                "INSERT INTO wi.sel SELECT a, code FROM wi.src ORDER BY a", true);
        assertEquals(List.of("1062 Duplicate entry '3' for key 'code'"), inserted);
        assertEquals(List.of("0,3"), rows("SELECT a, code FROM wi.sel ORDER BY a"), "the holder's row only");
        assertEquals(1, binlogInserts("wi`.`sel"), "row images of wi.sel in the binlog: the holder's");
    }

    /**
     * Creates the table; another session inserts (0, 3) in an open transaction; {@code insert}
     * runs and must wait; the other session commits or rolls back: what the INSERT answered.
     */
    private List<String> insertWhileAnotherTransactionHoldsCode3(String table, String create, String insert,
                                                                 boolean commit) throws Exception {
        try (Connection holder = DriverManager.getConnection(url); Statement h = holder.createStatement();
             Connection writer = DriverManager.getConnection(url); Statement w = writer.createStatement()) {
            h.execute(create);
            h.execute("BEGIN");
            h.executeUpdate("INSERT INTO wi." + table + " VALUES (0, 3)");
            long writerId;
            try (ResultSet rs = w.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                writerId = rs.getLong(1);
            }
            Future<Integer> f = waiting.submit(() -> w.executeUpdate(insert));
            Blocked.waits("the INSERT (for the other transaction's unique key)", h, writerId, f);
            h.execute(commit ? "COMMIT" : "ROLLBACK");
            try {
                return List.of(f.get(30, TimeUnit.SECONDS) + " rows");
            } catch (ExecutionException e) {
                assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
                SQLException s = (SQLException) e.getCause();
                return List.of(s.getErrorCode() + " " + s.getMessage().replaceFirst("^\\(conn=\\d+\\) ", ""));
            }
        } finally {
            waiting.shutdownNow();
        }
    }

    /** The rows {@code sql} reads (at most 10, so that a table full of copies fails readably). */
    private static List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(out.size() == 10 ? "…" : rs.getObject(1) + "," + rs.getObject(2));
        }
        return out.size() > 10 ? out.subList(0, 11) : out;
    }

    /** The {@code ### INSERT INTO `db`.`table`} row images {@code mariadb-binlog -v} prints for the table. */
    private static long binlogInserts(String qualified) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Program.existing(Program.MARIADB_BINLOG), "-v",
                "--base64-output=DECODE-ROWS"));
        try (var files = Files.list(server.datadir())) {
            cmd.addAll(files.filter(p -> p.getFileName().toString().matches("mysql-bin\\.\\d+"))
                    .sorted().map(Path::toString).collect(Collectors.toList()));
        }
        Program.Result out = Program.run(cmd, null, Duration.ofSeconds(60));
        assertEquals(0, out.exitCode(), out.stderr());
        return out.stdout().lines().filter(l -> l.equals("### INSERT INTO `" + qualified + "`")).count();
    }
}
