package io.minisqld.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * One commit's latency by stage, from Java Flight Recorder recordings of a minisqld source and
 * its replica taken while one client commits (benchmarks/semisync/breakdown.sh). The recordings
 * hold only the JDK's I/O and park events, each at threshold 0: {@code jdk.SocketRead},
 * {@code jdk.SocketWrite}, {@code jdk.FileWrite}, {@code jdk.FileForce}, {@code jdk.ThreadPark}.
 *
 * <p>Every binlog fsync on the source ends one commit's flush. On the client's connection thread
 * (the group's leader when one client commits) the socket read before it is the statement
 * arriving (sysbench's {@code oltp_insert} sends each INSERT alone, in autocommit, so the
 * statement is the transaction) and the socket write after it is the OK leaving. With semisync, in between: the dump thread's first
 * socket write after the fsync (the events leave), the replica's first socket read after that
 * (they arrive), the replica's first relay-log fsync after that, the replica's first socket write
 * after its fsync (the acknowledgement), the source's first socket read on another thread after
 * that (the acknowledgement arrives), and the connection thread's park that ends after it (the
 * waiter wakes). Stages that span both processes compare two JVMs' clocks; the two network
 * crossings together ({@code loopback both ways}) do not depend on them.
 *
 * <pre>java CommitBreakdown.java MODE source.jfr [replica.jfr]</pre>
 *
 * Prints a markdown table: per stage, its median and 95th percentile in µs over all commits found.
 */
public final class CommitBreakdown {

    record Ev(String type, String thread, long start, long end, String path) {
        long dur() {
            return end - start;
        }
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static List<Ev> read(Path file) throws IOException {
        List<Ev> out = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            String thread = e.getThread() == null ? "?" : e.getThread().getJavaName();
            String path = e.hasField("path") ? e.getString("path") : null;
            out.add(new Ev(type, thread, nanos(e.getStartTime()), nanos(e.getEndTime()), path));
        }
        out.sort(Comparator.comparingLong(Ev::start));
        return out;
    }

    /** How far before a moment an event that ends after it may have started (a blocked socket read). */
    static final long LOOK_BACK = 5_000_000_000L;

    /** The index of the first event starting at or after {@code t} (events are sorted by start). */
    static int from(List<Ev> evs, long t) {
        int lo = 0, hi = evs.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (evs.get(mid).start < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The first event of {@code type} (on {@code thread}, or off {@code notThreads}) starting at or after {@code t}. */
    static Ev firstStartingAfter(List<Ev> evs, String type, long t, String thread, List<String> notThreads,
            String pathPart) {
        for (Ev e : evs.subList(from(evs, t), evs.size())) {
            if (!e.type.equals(type)) continue;
            if (thread != null && !e.thread.equals(thread)) continue;
            if (notThreads != null && notThreads.contains(e.thread)) continue;
            if (pathPart != null && (e.path == null || !e.path.contains(pathPart))) continue;
            return e;
        }
        return null;
    }

    static Ev firstEndingAfter(List<Ev> evs, String type, long t, String thread, List<String> notThreads) {
        Ev best = null;
        for (Ev e : evs.subList(from(evs, t - LOOK_BACK), evs.size())) {
            if (e.end < t || !e.type.equals(type)) continue;
            if (thread != null && !e.thread.equals(thread)) continue;
            if (notThreads != null && notThreads.contains(e.thread)) continue;
            if (best == null || e.end < best.end) best = e;
            if (e.start > t + 1_000_000_000L) break;
        }
        return best;
    }

    static Ev lastEndingBefore(List<Ev> evs, String type, long t, String thread) {
        Ev best = null;
        for (Ev e : evs.subList(from(evs, t - LOOK_BACK), evs.size())) {
            if (e.start > t) break;
            if (e.end <= t && e.type.equals(type) && e.thread.equals(thread) && (best == null || e.end > best.end)) best = e;
        }
        return best;
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        List<Ev> src = read(Path.of(args[1]));
        List<Ev> rep = args.length > 2 ? read(Path.of(args[2])) : List.of();
        boolean semi = !rep.isEmpty();

        // the binlog fsyncs and the thread that made them (one client: its connection thread)
        List<Ev> binlogSyncs = new ArrayList<>();
        Map<String, Integer> syncThreads = new HashMap<>();
        for (Ev e : src) {
            if (e.type.equals("jdk.FileForce") && e.path != null && e.path.contains("-bin.0")) {
                binlogSyncs.add(e);
                syncThreads.merge(e.thread, 1, Integer::sum);
            }
        }
        // the dump thread: the thread other than the committers that writes to a socket most
        Map<String, Integer> writers = new HashMap<>();
        for (Ev e : src) {
            if (e.type.equals("jdk.SocketWrite") && !syncThreads.containsKey(e.thread)) writers.merge(e.thread, 1, Integer::sum);
        }
        String dump = writers.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);

        Map<String, List<Long>> stages = new LinkedHashMap<>();
        int found = 0;
        for (Ev f : binlogSyncs) {
            String t = f.thread;
            Ev commitIn = lastEndingBefore(src, "jdk.SocketRead", f.start, t);
            Ev okOut = firstStartingAfter(src, "jdk.SocketWrite", f.end, t, null, null);
            if (commitIn == null || okOut == null || f.start - commitIn.end > 1_000_000_000L) continue;
            Map<String, Long> s = new LinkedHashMap<>();
            Ev write = firstStartingAfter(src, "jdk.FileWrite", commitIn.end, t, null, "-bin.0");
            if (write == null || write.end > f.start) continue; // a rotation's sync, not a commit's
            s.put("statement read → binlog write starts (parse, translation, engine, row capture, prepare)",
                    write.start - commitIn.end);
            s.put("binlog write (the transaction's events, one write)", write.dur());
            s.put("binlog write end → fsync starts", f.start - write.end);
            s.put("binlog fsync", f.dur());
            long acked = f.end;
            if (semi) {
                Ev sent = firstStartingAfter(src, "jdk.SocketWrite", f.end, dump, null, null);
                if (sent == null || sent.start > okOut.start) continue;
                Ev in = firstEndingAfter(rep, "jdk.SocketRead", sent.start, null, null);
                if (in == null) continue;
                Ev relaySync = firstStartingAfter(rep, "jdk.FileForce", in.end, null, null, "relay");
                if (relaySync == null) continue;
                Ev ack = firstStartingAfter(rep, "jdk.SocketWrite", relaySync.end, null, null, null);
                if (ack == null) continue;
                Ev ackIn = firstEndingAfter(src, "jdk.SocketRead", sent.end, null, List.of(t, dump));
                if (ackIn == null || ackIn.end > okOut.start) continue;
                Ev park = firstEndingAfter(src, "jdk.ThreadPark", ackIn.end, t, null);
                long woke = park != null && park.end <= okOut.start ? park.end : ackIn.end;
                s.put("dump thread: fsync end → events written to the socket", sent.start - f.end);
                s.put("dump thread: socket write", sent.dur());
                s.put("replica: events read → relay fsync starts (relay write)", relaySync.start - in.end);
                s.put("replica: relay-log fsync", relaySync.dur());
                s.put("replica: relay fsync end → acknowledgement written", ack.end - relaySync.end);
                s.put("loopback both ways (events in + acknowledgement back)",
                        (ackIn.end - sent.end) - (ack.end - in.end));
                s.put("source: acknowledgement read → waiter awake", woke - ackIn.end);
                s.put("source: acknowledgement wait in all (fsync end → waiter awake)", woke - f.end);
                acked = woke;
            }
            s.put(semi ? "waiter awake → OK written (engine commit, after_commit, reply)"
                    : "binlog fsync end → OK written (engine commit, after_commit, reply)", okOut.start - acked);
            s.put("OK socket write", okOut.dur());
            s.put("server time of the transaction (statement read → OK written)", okOut.end - commitIn.end);
            for (Map.Entry<String, Long> e : s.entrySet()) stages.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            found++;
        }
        System.out.printf(Locale.ROOT, "%s: %d commits (%d binlog fsyncs; committing thread(s) %s; dump thread %s)%n%n",
                mode, found, binlogSyncs.size(), syncThreads.keySet(), semi ? dump : "-");
        System.out.println("| stage | median µs | p95 µs |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, List<Long>> e : stages.entrySet()) {
            List<Long> v = new ArrayList<>(e.getValue());
            v.sort(null);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", e.getKey(), pct(v, 0.5) / 1000.0, pct(v, 0.95) / 1000.0);
        }
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        int i = (int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()));
        return sorted.get(i);
    }
}
