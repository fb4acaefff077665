package io.minisqld.semisync.tests;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load program (plain {@code main}, not a test: its name ends in neither Test nor IT) comparing
 * the master plugin's two ack receivers (docs/benchmarks.md, "Semisync ack receiver: one thread vs
 * one per replica"). For each round, replica count and receiver (chosen with the
 * {@code minisqld.semisync.ack_receiver} system property before the source starts, so the plugin
 * reads it at init) it starts a source and replicas in this JVM with both plugins loaded and
 * enabled, sets {@code rpl_semi_sync_master_wait_point = AFTER_SYNC}, and for each client count
 * lets that many connections commit single-row autocommit INSERTs for a fixed time after a
 * warm-up. It prints one markdown row per step: commits/s, and {@code tx_avg_wait_time} and
 * {@code net_avg_wait_time} over the measured interval (deltas of the {@code _wait_time} and
 * {@code _waits} counters), plus {@code no_tx} to show that no commit timed out.
 *
 * <p>Arguments: {@code rounds replicas(1,3) clients(1,4,16) seconds warmup receivers}; all optional.
 */
public final class AckReceiverBench {
    private static final String PROPERTY = "minisqld.semisync.ack_receiver";

    private AckReceiverBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int[] replicaCounts = ints(args.length > 1 ? args[1] : "1,3");
        int[] clientCounts = ints(args.length > 2 ? args[2] : "1,4,16");
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String[] receivers = (args.length > 5 ? args[5] : "thread_per_replica,single_thread").split(",");
        System.out.println("| round | receiver | replicas | clients | commits/s | tx_avg_wait_time (µs) "
                + "| net_avg_wait_time (µs) | no_tx |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            for (int replicas : replicaCounts) {
                // alternate the order between rounds: this machine's speed drifts during a run
                List<String> order = new ArrayList<>(Arrays.asList(receivers));
                if (round % 2 == 0) java.util.Collections.reverse(order);
                for (String receiver : order) {
                    runTopology(round, receiver, replicas, clientCounts, seconds, warmup);
                }
            }
        }
    }

    private static void runTopology(int round, String receiver, int replicas, int[] clientCounts, int seconds,
                                    int warmup) throws Exception {
        System.setProperty(PROPERTY, receiver);
        try (Cluster cluster = Cluster.temporary()) {
            List<MinisqldHarness> nodes = cluster.semisync(replicas);
            MinisqldHarness source = nodes.get(0);
            Cluster.exec(source, "SET GLOBAL rpl_semi_sync_master_wait_point = 'AFTER_SYNC'",
                    "SET GLOBAL rpl_semi_sync_master_timeout = 10000", "CREATE DATABASE b");
            for (int clients : clientCounts) {
                String table = "b.t" + clients;
                Cluster.exec(source, "CREATE TABLE " + table
                        + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, client INT, payload VARCHAR(64))");
                Step s = step(source, table, clients, seconds, warmup);
                System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %.0f | %.0f | %.0f | %d |%n", round, receiver,
                        replicas, clients, s.commitsPerSecond, s.txAvgWait, s.netAvgWait, s.noTx);
            }
        } finally {
            System.clearProperty(PROPERTY);
        }
    }

    private record Step(double commitsPerSecond, double txAvgWait, double netAvgWait, long noTx) {
    }

    private static Step step(MinisqldHarness source, String table, int clients, int seconds, int warmup) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder commits = new LongAdder();
        CyclicBarrier ready = new CyclicBarrier(clients + 1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        String payload = "x".repeat(48);
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread t = new Thread(() -> {
                try (Connection c = source.newConnection();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (client, payload) VALUES (?, ?)")) {
                    ps.setInt(1, client);
                    ps.setString(2, payload);
                    ready.await();
                    while (!stop.get()) {
                        ps.executeUpdate();
                        if (measuring.get()) commits.increment();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        ready.await();
        Thread.sleep(warmup * 1000L); // a load program's warm-up, not a test's wait
        Map<String, Long> before = counters(source);
        long start = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        Map<String, Long> after = counters(source);
        stop.set(true);
        for (Thread t : threads) t.join();
        if (!failures.isEmpty()) throw new IllegalStateException("a client failed", failures.get(0));
        return new Step(commits.sum() * 1e9 / elapsed,
                ratio(after, before, "tx_wait_time", "tx_waits"),
                ratio(after, before, "net_wait_time", "net_waits"),
                after.get("no_tx") - before.get("no_tx"));
    }

    private static double ratio(Map<String, Long> after, Map<String, Long> before, String time, String count) {
        long n = after.get(count) - before.get(count);
        return n == 0 ? 0 : (double) (after.get(time) - before.get(time)) / n;
    }

    private static Map<String, Long> counters(MinisqldHarness source) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        String prefix = "Rpl_semi_sync_master_";
        for (Map.Entry<String, String> e : Cluster.statuses(source, prefix).entrySet()) {
            if (e.getValue().matches("\\d+")) { // Rpl_semi_sync_master_status is ON/OFF
                out.put(e.getKey().substring(prefix.length()), Long.parseLong(e.getValue()));
            }
        }
        return out;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
