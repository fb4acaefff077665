package io.minisqld.server.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows one statement changed, as the engine changed them: the before and after image of each
 * row, in the order the engine wrote them (what a ROW-format binlog records,
 * row-events-gtid-mts.md §A.1). A statement to be logged as rows opens a capture on its thread
 * around its execution; the engine reports every row change made on that thread meanwhile.
 *
 * <p>A change made by a trigger's body or a stored function the statement ran is marked
 * {@code nested}; the statement layer logs those and the changes to the tables the statement
 * writes, and leaves out the rest, which the engine made on its own (foreign key cascades, which a
 * replica's engine makes again, as InnoDB's are not logged by MySQL).
 *
 * <p>Threads: used by the thread that opened it only.
 */
public final class RowCapture implements AutoCloseable {
    private static final ThreadLocal<RowCapture> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

    /** Which change. */
    public enum Kind { WRITE, UPDATE, DELETE }

    /**
     * One changed row. {@code columns} names the values of both images, in the table's order.
     *
     * @param before the row before (UPDATE, DELETE), else null
     * @param after  the row after (WRITE, UPDATE), else null
     */
    public record Change(String database, String table, List<String> columns, Object[] before, Object[] after,
                         boolean nested) {
        public Kind kind() {
            return before == null ? Kind.WRITE : after == null ? Kind.DELETE : Kind.UPDATE;
        }
    }

    private final List<Change> changes = new ArrayList<>();
    private final boolean owner;
    /** Rows the engine reported, an UPDATE's unchanged ones included. */
    private long reported;

    private RowCapture(boolean owner) {
        this.owner = owner;
    }

    /**
     * Starts capturing on this thread. A statement run inside another's capture (a stored
     * routine's) adds to the outer one, as its rows belong to the outer statement's event.
     */
    public static RowCapture open() {
        RowCapture outer = CURRENT.get();
        if (outer != null) return new RowCapture(false);
        RowCapture c = new RowCapture(true);
        CURRENT.set(c);
        return c;
    }

    /** Whether a capture is open on this thread (the engine reports nothing otherwise). */
    public static boolean active() {
        return CURRENT.get() != null;
    }

    /**
     * The engine reports a changed row. An UPDATE that left the row as it was is no change (MySQL
     * logs none).
     */
    public static void record(String database, String table, List<String> columns, Object[] before, Object[] after) {
        RowCapture c = CURRENT.get();
        if (c == null) return;
        c.reported++;
        Object[] b = materialized(before);
        Object[] a = materialized(after);
        if (b != null && a != null && Arrays.deepEquals(b, a)) return;
        c.changes.add(new Change(database, table, columns, b, a, NESTING.get()[0] > 0));
    }

    /**
     * A copy of a row whose BLOB and CLOB values are read into {@code byte[]} and {@code String}:
     * the engine's large-object handles do not outlive the statement.
     */
    private static Object[] materialized(Object[] row) {
        if (row == null) return null;
        Object[] out = row.clone();
        try {
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof java.sql.Blob b) out[i] = b.getBytes(1, Math.toIntExact(b.length()));
                else if (out[i] instanceof java.sql.Clob c) out[i] = c.getSubString(1, Math.toIntExact(c.length()));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading a changed row's large object: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Where this thread's capture stands (changes held, rows reported), for {@link #rewind}; null
     * when no capture is open.
     */
    public static long[] mark() {
        RowCapture c = CURRENT.get();
        return c == null ? null : new long[] {c.changes.size(), c.reported};
    }

    /**
     * Forgets what this thread's capture took after {@code mark}: the engine undid those rows (an
     * attempt of a statement it runs again).
     */
    public static void rewind(long[] mark) {
        RowCapture c = CURRENT.get();
        if (c == null || mark == null) return;
        c.changes.subList((int) Math.min(mark[0], c.changes.size()), c.changes.size()).clear();
        c.reported = Math.min(c.reported, mark[1]);
    }

    /** A trigger body or stored function starts on this thread: its changes are its statement's. */
    public static void enterNested() {
        NESTING.get()[0]++;
    }

    public static void exitNested() {
        NESTING.get()[0]--;
    }

    /** How many rows the engine reported, also those an UPDATE left as they were; 0 for a nested capture. */
    public long reported() {
        return owner ? reported : 0;
    }

    /** What was captured so far; nothing for a nested capture (the outer statement logs its rows). */
    public List<Change> changes() {
        return owner ? changes : List.of();
    }

    /** Forgets the changes (a failed statement's, rolled back). */
    public void discard() {
        if (owner) changes.clear();
    }

    @Override
    public void close() {
        if (owner) CURRENT.remove();
    }
}
