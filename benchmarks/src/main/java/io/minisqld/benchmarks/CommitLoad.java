package io.minisqld.benchmarks;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Commit throughput and latency through the binlog's group commit (docs/benchmarks.md, "Commit
 * throughput and group commit"). For each client count, that many JDBC connections commit
 * single-row INSERTs in autocommit mode (optionally mixed with small BEGIN … COMMIT transactions)
 * for a fixed time after a warm-up; the tool prints one markdown row per client count with
 * commits/s, latency percentiles, and fsyncs per commit and commits per group from
 * {@code SHOW GLOBAL STATUS LIKE 'Binlog%'} read before and after the measured interval.
 *
 * <p>By default it starts an in-process server in a temporary datadir with
 * {@code --log-bin --sync-binlog=N}; {@code --host}/{@code --port} measure a server that is
 * already running instead. Run {@code java -cp benchmarks/target/benchmarks.jar
 * io.minisqld.benchmarks.CommitLoad --help} for the options.
 */
public final class CommitLoad {
    private static final String USAGE = """
            usage: CommitLoad [options]
              --clients=1,4,16,64   client counts, one step each
              --duration=10         measured seconds per step
              --warmup=2            seconds per step before measuring
              --sync-binlog=1       sync_binlog of the in-process server (SET GLOBAL on an external one)
              --no-log-bin          in-process server without the binlog (the engine's commit alone)
              --txn-percent=0       percent of commits that are BEGIN; 3 INSERTs; UPDATE; COMMIT
              --datadir=DIR         datadir of the in-process server (default: a new temp dir, deleted after)
              --host=H --port=P     use a running server instead (--user=root --password=)
            """;

    /** One step's outcome: what the clients measured and what the server counted. */
    record StepResult(int clients, long commits, long errors, double seconds, long[] sortedLatencyNanos,
                      Map<String, Long> statusDelta, String firstError) {
        double commitsPerSecond() {
            return commits / seconds;
        }

        double percentileMillis(double p) {
            if (sortedLatencyNanos.length == 0) return Double.NaN;
            // nearest rank: the smallest value with at least p of the samples at or below it
            int rank = (int) Math.ceil(p * sortedLatencyNanos.length);
            return sortedLatencyNanos[Math.max(0, rank - 1)] / 1e6;
        }

        String ratio(String numerator, String denominator) {
            Long n = statusDelta.get(numerator);
            Long d = statusDelta.get(denominator);
            if (n == null || d == null || d == 0) return "n/a";
            return String.format(Locale.ROOT, "%.3f", (double) n / d);
        }
    }

    private final String url;
    private final int durationSeconds;
    private final int warmupSeconds;
    private final int txnPercent;

    private CommitLoad(String url, int durationSeconds, int warmupSeconds, int txnPercent) {
        this.url = url;
        this.durationSeconds = durationSeconds;
        this.warmupSeconds = warmupSeconds;
        this.txnPercent = txnPercent;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        if (args.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        int[] clientCounts = Arrays.stream(args.getOrDefault("clients", "1,4,16,64").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int duration = Integer.parseInt(args.getOrDefault("duration", "10"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "2"));
        int txnPercent = Integer.parseInt(args.getOrDefault("txn-percent", "0"));
        String syncBinlog = args.getOrDefault("sync-binlog", "1");
        boolean logBin = !args.containsKey("no-log-bin");

        MiniSqlServer server = null;
        Path tempDir = null;
        String host;
        int port;
        String user = args.getOrDefault("user", "root");
        String password = args.getOrDefault("password", "");
        if (args.containsKey("port")) {
            host = args.getOrDefault("host", "127.0.0.1");
            port = Integer.parseInt(args.get("port"));
        } else {
            Path datadir;
            if (args.containsKey("datadir")) {
                datadir = Path.of(args.get("datadir"));
                Files.createDirectories(datadir);
            } else {
                datadir = tempDir = Files.createTempDirectory("minisqld-commitload-");
            }
            List<String> options = new ArrayList<>(List.of("--no-defaults", "--datadir=" + datadir, "--port=0",
                    "--bind-address=127.0.0.1", "--server-id=1", "--log-error"));
            if (logBin) {
                options.add("--log-bin=mysql-bin");
                options.add("--sync-binlog=" + syncBinlog);
            }
            server = MiniSqlServer.start(ServerOptions.ofCommandLine(options.toArray(String[]::new)));
            host = "127.0.0.1";
            port = server.port();
        }
        String url = "jdbc:mariadb://" + host + ":" + port + "/?user=" + user + "&password=" + password;
        try {
            CommitLoad load = new CommitLoad(url, duration, warmup, txnPercent);
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                if (server == null && args.containsKey("sync-binlog")) {
                    s.execute("SET GLOBAL sync_binlog = " + Long.parseLong(syncBinlog));
                }
                System.out.println("# server " + queryOne(c, "SELECT @@version") + " at " + host + ":" + port
                        + ", log_bin=" + queryOne(c, "SELECT @@log_bin")
                        + ", sync_binlog=" + queryOne(c, "SELECT @@sync_binlog")
                        + "; " + duration + " s measured after " + warmup + " s warm-up per step; "
                        + txnPercent + " % multi-statement transactions");
            }
            List<StepResult> results = new ArrayList<>();
            for (int clients : clientCounts) {
                load.prepare();
                StepResult r = load.step(clients);
                results.add(r);
                System.out.println("# " + clients + " clients done: " + Math.round(r.commitsPerSecond())
                        + " commits/s" + (r.firstError() == null ? "" : "; first error: " + r.firstError()));
            }
            System.out.println();
            System.out.print(table(results));
        } finally {
            if (server != null) server.close();
            if (tempDir != null) deleteTree(tempDir);
        }
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a + "\n" + USAGE);
            int eq = a.indexOf('=');
            if (eq < 0) args.put(a.substring(2), "");
            else args.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return args;
    }

    /** A fresh table for every step, so that every step inserts into an empty B-tree. */
    private void prepare() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS commitload");
            s.execute("DROP TABLE IF EXISTS commitload.t");
            s.execute("DROP TABLE IF EXISTS commitload.counters");
            s.execute("CREATE TABLE commitload.t (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, client INT NOT NULL,"
                    + " payload VARCHAR(64) NOT NULL)");
            s.execute("CREATE TABLE commitload.counters (client INT NOT NULL PRIMARY KEY, n BIGINT NOT NULL)");
        }
    }

    private StepResult step(int clients) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try (Connection monitor = DriverManager.getConnection(url)) {
            for (int i = 0; i < clients; i++) {
                Connection c = DriverManager.getConnection(url);
                connections.add(c);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO commitload.counters VALUES (" + i + ", 0)");
                }
            }
            long start = System.nanoTime() + 200_000_000L;
            long measureFrom = start + warmupSeconds * 1_000_000_000L;
            long measureTo = measureFrom + durationSeconds * 1_000_000_000L;
            // the monitor thread reads the counters at the interval's edges, the clients at their own pace
            CyclicBarrier ready = new CyclicBarrier(clients + 1);
            List<Client> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Client w = new Client(i, connections.get(i), ready, start, measureFrom, measureTo);
                workers.add(w);
                Thread t = new Thread(w, "commitload-" + i);
                threads.add(t);
                t.start();
            }
            ready.await();
            sleepUntil(measureFrom);
            Map<String, Long> before = binlogStatus(monitor);
            long t0 = System.nanoTime();
            sleepUntil(measureTo);
            Map<String, Long> after = binlogStatus(monitor);
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (Thread t : threads) t.join();

            long commits = 0;
            long errors = 0;
            String firstError = null;
            int samples = 0;
            for (Client w : workers) {
                commits += w.count;
                errors += w.errors;
                samples += w.count;
                if (firstError == null) firstError = w.firstError;
            }
            long[] all = new long[samples];
            int at = 0;
            for (Client w : workers) {
                System.arraycopy(w.latencies, 0, all, at, w.count);
                at += w.count;
            }
            Arrays.sort(all);
            Map<String, Long> delta = new HashMap<>();
            for (Map.Entry<String, Long> e : after.entrySet()) {
                Long b = before.get(e.getKey());
                if (b != null) delta.put(e.getKey(), e.getValue() - b);
            }
            return new StepResult(clients, commits, errors, seconds, all, delta, firstError);
        } finally {
            for (Connection c : connections) c.close();
        }
    }

    /**
     * One connection committing as fast as the server lets it; records the latency of each commit
     * that ends inside the measured interval. Only its own thread touches its fields until joined.
     */
    private final class Client implements Runnable {
        final int id;
        final Connection connection;
        final CyclicBarrier ready;
        final long start;
        final long measureFrom;
        final long measureTo;
        long[] latencies = new long[1 << 14];
        int count;
        long errors;
        String firstError;

        Client(int id, Connection connection, CyclicBarrier ready, long start, long measureFrom, long measureTo) {
            this.id = id;
            this.connection = connection;
            this.ready = ready;
            this.start = start;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
        }

        @Override
        public void run() {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO commitload.t (client, payload) VALUES (?, ?)");
                 PreparedStatement bump = connection.prepareStatement(
                         "UPDATE commitload.counters SET n = n + 1 WHERE client = ?")) {
                ready.await();
                sleepUntil(start);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String payload = "x".repeat(48);
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) break;
                    try {
                        if (txnPercent > 0 && random.nextInt(100) < txnPercent) {
                            connection.setAutoCommit(false);
                            for (int i = 0; i < 3; i++) insertRow(insert, payload);
                            bump.setInt(1, id);
                            bump.executeUpdate();
                            connection.commit();
                            connection.setAutoCommit(true);
                        } else {
                            insertRow(insert, payload);
                        }
                    } catch (SQLException e) {
                        errors++;
                        if (firstError == null) firstError = e.getErrorCode() + " " + e.getMessage();
                        // a server that stopped (binlog_error_action=ABORT_SERVER) ends the step for this client
                        if (connection.isClosed() || !connection.isValid(1)) break;
                        connection.rollback();
                        connection.setAutoCommit(true);
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (t1 >= measureFrom && t1 < measureTo) record(t1 - t0);
                }
            } catch (Exception e) {
                if (firstError == null) firstError = e.toString();
                errors++;
            }
        }

        private void insertRow(PreparedStatement insert, String payload) throws SQLException {
            insert.setInt(1, id);
            insert.setString(2, payload);
            insert.executeUpdate();
        }

        private void record(long nanos) {
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = nanos;
        }
    }

    private static Map<String, Long> binlogStatus(Connection c) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Binlog%'")) {
            while (rs.next()) {
                try {
                    values.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                } catch (NumberFormatException notACounter) {
                    // MariaDB also shows Binlog_snapshot_file and similar text values: not counters
                }
            }
        }
        return values;
    }

    private static String queryOne(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String table(List<StepResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| clients | commits/s | p50 ms | p95 ms | p99 ms | fsyncs/commit | commits/group | errors |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult r : results) {
            out.append(String.format(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %s | %s | %d |%n",
                    r.clients(), r.commitsPerSecond(), r.percentileMillis(0.50), r.percentileMillis(0.95),
                    r.percentileMillis(0.99), r.ratio("Binlog_fsyncs", "Binlog_commits"),
                    r.ratio("Binlog_commits", "Binlog_group_commits"), r.errors()));
        }
        return out.toString();
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 100)));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
