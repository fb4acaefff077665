package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-row INSERT whose last row meets a unique key another open transaction holds inserts
 * each of its rows once (H2StatementRetries says what H2 does). Each case runs on a plain H2
 * database (where the fault shows, so the case can fail) and with the listener the engine installs.
 */
class H2StatementRetriesTest {
    /** How long the INSERT goes on attempting once it met the held value: a few of H2's pauses of up to 20 ms. */
    private static final long SETTLE_MS = 300;
    @TempDir
    Path dir;

    private PlainH2 h2;
    private final ExecutorService inserter = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() {
        h2 = new PlainH2(dir);
    }

    @AfterEach
    void close() throws SQLException {
        inserter.shutdownNow();
        h2.close();
    }

    @Test
    void rowsWithoutAUniqueValueOfTheirOwnAreInsertedOnce() throws Exception {
        String table = "CREATE TABLE t(a INT, b INT, UNIQUE(b))";
        String insert = "INSERT INTO t VALUES (1, NULL), (2, NULL), (3, 3)";
        List<String> plain = rowsAfterWaitingInsert("plain", false, table, insert);
        assertTrue(plain.size() > 3, "plain H2 inserts the first rows once per attempt: " + plain.size() + " rows");
        assertEquals(List.of("1,null", "2,null", "3,3"), rowsAfterWaitingInsert("guarded", true, table, insert));
    }

    @Test
    void rowsWithAUniqueValueOfTheirOwnAreNotTakenForDuplicates() throws Exception {
        String table = "CREATE TABLE t(a INT PRIMARY KEY, b INT, UNIQUE(b))";
        String insert = "INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)";
        assertEquals(List.of("duplicate key"), rowsAfterWaitingInsert("plainPk", false, table, insert),
                "plain H2 refuses its own first row");
        assertEquals(List.of("1,1", "2,2", "3,3"), rowsAfterWaitingInsert("guardedPk", true, table, insert));
    }

    /**
     * Another transaction holds b = 3 uncommitted while the INSERT runs; it rolls back after the
     * INSERT has tried a while: the rows the table then holds (or "duplicate key" if the INSERT failed).
     */
    private List<String> rowsAfterWaitingInsert(String name, boolean guarded, String table, String insert)
            throws Exception {
        Connection admin = connect(name);
        if (guarded) {
            PlainH2.session(admin).getDatabase().setEventListener(new H2StatementRetries());
        }
        run(admin, table);
        Connection holder = connect(name);
        holder.setAutoCommit(false);
        run(holder, "INSERT INTO t VALUES (0, 3)");
        Connection writer = connect(name);
        int writerId;
        try (ResultSet rs = writer.createStatement().executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            writerId = rs.getInt(1);
        }
        Future<Integer> inserted = inserter.submit(() -> writer.createStatement().executeUpdate(insert));
        // the INSERT is running: it meets the uncommitted b = 3 and attempts again, which is the
        // moment the case is about (between attempts it has rolled its rows back, so whether it
        // holds uncommitted rows at the moment looked at is chance)
        Poll.until("the INSERT to start", Duration.ofSeconds(10), () -> {
            if (inserted.isDone()) return true;
            try (ResultSet rs = admin.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                    + " WHERE SESSION_ID = " + writerId + " AND EXECUTING_STATEMENT IS NOT NULL")) {
                return rs.next() && rs.getInt(1) == 1;
            }
        });
        // (plain H2 may already have failed on its own first row, which is the fault shown)
        if (guarded) assertFalse(inserted.isDone(), "the INSERT ended instead of waiting for b = 3");
        // a few of its attempts (H2 pauses between them): a moment, not a condition
        Thread.sleep(SETTLE_MS);
        holder.rollback();
        try {
            assertEquals(3, inserted.get(10, TimeUnit.SECONDS), "rows the INSERT reports");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s && s.getErrorCode() == org.h2.api.ErrorCode.DUPLICATE_KEY_1) {
                return List.of("duplicate key");
            }
            throw e;
        }
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = admin.createStatement().executeQuery("SELECT a, b FROM t ORDER BY a, b")) {
            while (rs.next()) rows.add(rs.getInt(1) + "," + rs.getObject(2));
        }
        return rows;
    }

    private Connection connect(String name) throws SQLException {
        return h2.connect(name);
    }

    private static void run(Connection c, String sql) throws SQLException {
        PlainH2.run(c, sql);
    }
}
