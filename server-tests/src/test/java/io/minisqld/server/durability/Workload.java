package io.minisqld.server.durability;

import io.minisqld.testcommon.Poll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash tests' writers: concurrent JDBC clients that insert rows {@code (w, s, p)} into
 * {@code crash.t}, where {@code (w, s)} names one transaction (writer {@code w}'s
 * {@code s}-th) and {@code p} numbers its rows. Most transactions are one autocommit INSERT;
 * the rest are BEGIN, two or three rows over two INSERTs (one of them multi-row), COMMIT.
 * A transaction counts as <em>acknowledged</em> once the client got the OK of its autocommit
 * INSERT or of its COMMIT; then MySQL promises it survives any crash.
 *
 * <p>Sequence numbers continue across {@link #start runs}, so a workload can go on writing on the
 * same data directory after each restart and every transaction keeps a unique id.
 *
 * <p>Thread-safety: the maps are concurrent; each writer thread owns its slot of {@link #nextSeq}.
 */
final class Workload {
    static final String DATABASE = "crash";
    static final List<String> SCHEMA = List.of("CREATE DATABASE crash",
            // no key: a transaction applied twice must show up as duplicate rows, not as an error
            "CREATE TABLE crash.t (w INT NOT NULL, s BIGINT NOT NULL, p INT NOT NULL)");
    private static final Pattern ROW = Pattern.compile("\\((\\d+), (\\d+), (\\d+)\\)");

    /** One workload transaction: writer {@code writer}'s {@code seq}-th. */
    record TxnId(int writer, long seq) implements Comparable<TxnId> {
        @Override
        public int compareTo(TxnId o) {
            return writer != o.writer ? Integer.compare(writer, o.writer) : Long.compare(seq, o.seq);
        }

        @Override
        public String toString() {
            return "(" + writer + "," + seq + ")";
        }
    }

    /** One row of {@code crash.t}. */
    record Row(int writer, long seq, int part) {
        TxnId txn() {
            return new TxnId(writer, seq);
        }

        @Override
        public String toString() {
            return "(" + writer + "," + seq + "," + part + ")";
        }
    }

    private final int writers;
    private final long seed;
    private final long[] nextSeq;
    /** Transaction → number of rows, for every transaction a client acknowledged. */
    private final Map<TxnId, Integer> acknowledged = new ConcurrentHashMap<>();
    /** Transaction → number of rows, for every transaction a client started. */
    private final Map<TxnId, Integer> attempted = new ConcurrentHashMap<>();
    private int runs;

    Workload(int writers, long seed) {
        this.writers = writers;
        this.seed = seed;
        this.nextSeq = new long[writers];
    }

    /** The rows an INSERT of this workload carries (none for any other statement). */
    /**
     * The workload rows a ROW-format WRITE_ROWS event of {@code crash.t} carries: after the column
     * count and the columns-present bitmap, each row is a null bitmap and w (4 bytes), s (8), p (4),
     * little-endian (row-events-gtid-mts.md §A.5); none for another table or kind of event.
     */
    static List<Row> rowsOf(io.minisqld.server.binlog.event.RowsEvent e) {
        if (e.kind() != io.minisqld.server.binlog.event.RowsEvent.Kind.WRITE || e.table() == null
                || !e.table().database().equals("crash") || !e.table().table().equals("t")) {
            return List.of();
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(e.rows()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int columns = in.get() & 0xFF;
        if (columns != 3) throw new IllegalStateException("crash.t has 3 columns, the event " + columns);
        in.get();
        List<Row> rows = new ArrayList<>();
        while (in.hasRemaining()) {
            in.get();
            rows.add(new Row(in.getInt(), in.getLong(), in.getInt()));
        }
        return rows;
    }

    static List<Row> rowsOf(String sql) {
        if (!sql.startsWith("INSERT INTO t ")) return List.of();
        List<Row> rows = new ArrayList<>();
        Matcher m = ROW.matcher(sql);
        while (m.find()) {
            rows.add(new Row(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3))));
        }
        return rows;
    }

    private static String insert(TxnId id, int fromPart, int toPart) {
        StringBuilder sb = new StringBuilder("INSERT INTO t (w, s, p) VALUES ");
        for (int p = fromPart; p < toPart; p++) {
            if (p > fromPart) sb.append(", ");
            sb.append('(').append(id.writer()).append(", ").append(id.seq()).append(", ").append(p).append(')');
        }
        return sb.toString();
    }

    Map<TxnId, Integer> acknowledged() {
        return Collections.unmodifiableMap(acknowledged);
    }

    Map<TxnId, Integer> attempted() {
        return Collections.unmodifiableMap(attempted);
    }

    /** Creates the schema through a fresh connection. */
    static void createSchema(String serverUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            for (String sql : SCHEMA) st.execute(sql);
        }
    }

    /** Every row of {@code crash.t}, with how many times it occurs. */
    static Map<Row, Integer> tableRows(Connection c) throws SQLException {
        Map<Row, Integer> rows = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT w, s, p FROM crash.t")) {
            while (r.next()) rows.merge(new Row(r.getInt(1), r.getLong(2), r.getInt(3)), 1, Integer::sum);
        }
        return rows;
    }

    /**
     * Starts the writers against {@code databaseUrl} (a JDBC URL whose database is
     * {@value #DATABASE}); each writer's random choices come from this workload's seed.
     */
    Run start(String databaseUrl) {
        Run run = new Run(databaseUrl, runs++);
        run.begin();
        return run;
    }

    /** One period of writing, ended by a crash. */
    final class Run {
        private final String url;
        private final int number;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong acks = new AtomicLong();
        /** Errors writers got before the crash began: they mean a bug, not the crash. */
        private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        private final Map<TxnId, String> inDoubt = new ConcurrentHashMap<>();
        private volatile boolean crashing;
        private volatile boolean stop;

        private Run(String url, int number) {
            this.url = url;
            this.number = number;
        }

        private void begin() {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Thread t = new Thread(() -> write(writer), "crash-writer-" + number + "-" + w);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
        }

        private void write(int writer) {
            Random random = new Random(seed * 31 + number * 1009L + writer);
            TxnId current = null;
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                while (!stop) {
                    current = new TxnId(writer, nextSeq[writer]++);
                    int parts = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
                    attempted.put(current, parts);
                    if (parts == 1) {
                        st.executeUpdate(insert(current, 0, 1));
                    } else {
                        st.execute("BEGIN");
                        st.executeUpdate(insert(current, 0, 1));
                        st.executeUpdate(insert(current, 1, parts));
                        st.execute("COMMIT");
                    }
                    acknowledged.put(current, parts);
                    acks.incrementAndGet();
                    current = null;
                }
            } catch (SQLException | RuntimeException e) {
                // after the crash began every error is the crash; the transaction may or may not have committed
                if (current != null) inDoubt.put(current, String.valueOf(e.getMessage()));
                if (!crashing) unexpected.add("writer " + writer + " before the crash: " + e);
            }
        }

        long acknowledgedCount() {
            return acks.get();
        }

        /**
         * Waits until {@code delayMillis} have passed since the writers started and at least one
         * transaction was acknowledged (a crash with nothing acknowledged proves little); fails
         * if no commit is acknowledged within {@code deadlineMillis}.
         */
        void awaitCrashMoment(long delayMillis, long deadlineMillis) {
            long moment = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            // a writer's unexpected error ends the wait too: the caller reports it
            Poll.until(delayMillis + " ms of writing and an acknowledged commit", Duration.ofMillis(deadlineMillis),
                    () -> !unexpected.isEmpty() || (System.nanoTime() - moment >= 0 && acks.get() > 0),
                    () -> "writer errors: " + unexpected);
        }

        /** From now on, writer errors are expected (the server is about to die). */
        void crashing() {
            crashing = true;
        }

        /** Stops the writers and waits for them to end (they end on their own error after a crash). */
        void stopAndJoin(long timeoutMillis) throws InterruptedException {
            stop = true;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) throw new AssertionError(t.getName() + " still running " + timeoutMillis + " ms after the crash");
            }
        }

        List<String> unexpectedErrors() {
            return List.copyOf(unexpected);
        }

        /** Transactions whose outcome the client never learnt (the connection died under them). */
        Map<TxnId, String> inDoubt() {
            return new TreeMap<>(inDoubt);
        }
    }
}
