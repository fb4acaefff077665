package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.DatabaseServer;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The statements the replication tests run on a source through JDBC, as an application would:
 * DDL, autocommit statements and multi-statement transactions, multi-row AUTO_INCREMENT inserts
 * (INTVAR events), UPDATE and DELETE, and a rolled-back transaction that leaves an
 * AUTO_INCREMENT gap on the source only (so the replica must take ids from the binlog, not from
 * its own counter). Only statements that are deterministic under binlog_format=STATEMENT.
 */
final class Workload {
    private Workload() {
    }

    /** The id of writer {@code w}'s transaction {@code i} in {@link #startWriters}. */
    static int writerRow(int w, int i) {
        return w * 1_000_000 + i;
    }

    /** Creates {@code db} with the tables {@link #startWriters} writes: t (a row each) and c (a count per writer). */
    static void writersSchema(Connection c, String db, int writers) throws SQLException {
        List<String> ddl = new ArrayList<>(List.of("CREATE DATABASE " + db,
                "CREATE TABLE " + db + ".t (id INT PRIMARY KEY, w INT NOT NULL, pad VARCHAR(200))",
                "CREATE TABLE " + db + ".c (w INT PRIMARY KEY, n INT NOT NULL)"));
        for (int w = 0; w < writers; w++) ddl.add("INSERT INTO " + db + ".c VALUES (" + w + ", 0)");
        SqlRunner.on(c).executeAll(ddl.toArray(String[]::new));
    }

    /**
     * Starts {@code writers} clients on {@code pool}, each committing {@code each} transactions at
     * once with the others: a row of its own ({@link #writerRow} of {@code from} … {@code from +
     * each - 1}) and its count in c. Many commits share a group commit, so their logical clocks
     * let a replica apply them side by side.
     */
    static List<Future<?>> startWriters(DatabaseServer source, ExecutorService pool, String db, int writers, int from,
                                        int each) {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                try (Connection c = source.newConnection(); Statement s = c.createStatement()) {
                    for (int i = from; i < from + each; i++) {
                        s.execute("BEGIN");
                        s.execute("INSERT INTO " + db + ".t VALUES (" + writerRow(writer, i) + ", " + writer
                                + ", REPEAT('p', 150))");
                        s.execute("UPDATE " + db + ".c SET n = n + 1 WHERE w = " + writer);
                        s.execute("COMMIT");
                    }
                }
                return null;
            }));
        }
        return done;
    }

    /** Creates {@code db} with the tables {@link #round} writes. */
    static void schema(Connection c, String db) throws SQLException {
        SqlRunner.on(c).executeAll("CREATE DATABASE " + db,
                "CREATE TABLE " + db + ".items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL, v VARCHAR(64))",
                "CREATE TABLE " + db + ".counters (name VARCHAR(20) NOT NULL PRIMARY KEY, n BIGINT NOT NULL)",
                "INSERT INTO " + db + ".counters VALUES ('ops', 0), ('rounds', 0)");
    }

    /** One round of writes, numbered {@code r} (keys r*10+1 … r*10+5 belong to it). */
    static void round(Connection c, String db, int r) throws SQLException {
        int k = r * 10;
        SqlRunner.on(c).executeAll(
                "INSERT INTO " + db + ".items (k, v) VALUES (" + (k + 1) + ", 'a'), (" + (k + 2) + ", 'b'), (" + (k + 3) + ", 'c')",
                "BEGIN",
                "INSERT INTO " + db + ".items (k, v) VALUES (" + (k + 4) + ", 'in transaction')",
                "UPDATE " + db + ".items SET v = CONCAT(v, '-u') WHERE k = " + (k + 1),
                "UPDATE " + db + ".counters SET n = n + 1 WHERE name = 'ops'",
                "COMMIT",
                "UPDATE " + db + ".items SET v = 'updated' WHERE k = " + (k + 2),
                "DELETE FROM " + db + ".items WHERE k = " + (k + 3),
                "BEGIN",
                "INSERT INTO " + db + ".items (k, v) VALUES (" + (k + 5) + ", 'rolled back')",
                "ROLLBACK",
                "UPDATE " + db + ".counters SET n = n + 1 WHERE name = 'rounds'");
    }

    /**
     * The schema, {@code rounds} rounds, and DDL in between: a table created, filled and dropped,
     * a column added to {@code items}, a table that stays. Ends with a committed write, so the
     * source's SHOW MASTER STATUS is the end of a transaction.
     */
    static void mixed(Connection c, String db, int rounds) throws SQLException {
        schema(c, db);
        for (int r = 1; r <= rounds; r++) {
            round(c, db, r);
            if (r == rounds / 2) {
                SqlRunner.on(c).executeAll("ALTER TABLE " + db + ".items ADD COLUMN extra INT NOT NULL DEFAULT 7",
                        "CREATE TABLE " + db + ".scratch (a INT)",
                        "INSERT INTO " + db + ".scratch VALUES (1), (2)",
                        "DROP TABLE " + db + ".scratch",
                        "CREATE TABLE " + db + ".kept (a INT NOT NULL, b VARCHAR(10))",
                        "INSERT INTO " + db + ".kept VALUES (" + r + ", 'half')");
            }
        }
    }

    /** Asserts what {@link #mixed} leaves on any server that applied all of it. */
    static void assertMixed(Connection c, String db, int rounds) throws SQLException {
        assertEquals(List.of(List.of(String.valueOf(rounds * 3))),
                SqlRunner.on(c).rows("SELECT COUNT(*) FROM " + db + ".items"), "rows of " + db + ".items");
        assertEquals(List.of(List.of("ops", String.valueOf(rounds)), List.of("rounds", String.valueOf(rounds))),
                SqlRunner.on(c).rows("SELECT name, n FROM " + db + ".counters ORDER BY name"));
        // Each round used five ids on the source (one by the rolled-back insert): the first insert of
        // round r got 5r-4 .. 5r-2, the transaction 5r-1.
        assertEquals(List.of(List.of("1", "11", "a-u"), List.of("2", "12", "updated"), List.of("4", "14", "in transaction"),
                        List.of("6", "21", "a-u")),
                SqlRunner.on(c).rows("SELECT id, k, v FROM " + db + ".items WHERE id <= 6 ORDER BY id"));
    }

    /**
     * A sequence for gap/duplicate checks: {@code seq} gets one autocommit row per number and
     * {@code tally} counts them with a non-idempotent UPDATE, so a transaction applied twice or
     * skipped shows in both.
     */
    static void sequenceSchema(Connection c, String db) throws SQLException {
        SqlRunner.on(c).executeAll("CREATE DATABASE " + db, "CREATE TABLE " + db + ".seq (n INT NOT NULL)",
                "CREATE TABLE " + db + ".tally (id INT NOT NULL PRIMARY KEY, total BIGINT NOT NULL)",
                "INSERT INTO " + db + ".tally VALUES (1, 0)");
    }

    /** Numbers {@code from}..{@code to}: per number one INSERT and one UPDATE in one transaction. */
    static void sequence(Connection c, String db, int from, int to) throws SQLException {
        for (int n = from; n <= to; n++) {
            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO " + db + ".seq VALUES (" + n + ")",
                    "UPDATE " + db + ".tally SET total = total + 1 WHERE id = 1", "COMMIT");
        }
    }

    /** Asserts that {@code seq} holds 1..{@code to} exactly once each and the tally agrees. */
    static void assertSequence(Connection c, String db, int to, String who) throws SQLException {
        assertEquals(List.of(List.of(String.valueOf(to), String.valueOf(to), to == 0 ? null : "1",
                        to == 0 ? null : String.valueOf(to))),
                SqlRunner.on(c).rows("SELECT COUNT(*), COUNT(DISTINCT n), MIN(n), MAX(n) FROM " + db + ".seq"),
                who + ": rows of " + db + ".seq (count, distinct, min, max)");
        assertEquals(String.valueOf(to), SqlRunner.on(c).value("SELECT total FROM " + db + ".tally WHERE id = 1"),
                who + ": " + db + ".tally");
    }
}
