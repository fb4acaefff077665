package io.minisqld.benchmarks;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one binlog fsync costs on this disk: appends {@code --bytes} (default 200, about one
 * autocommit INSERT's BEGIN/QUERY/XID events) to a growing file and calls
 * {@code FileChannel.force(false)} (fdatasync, as the server's file layer does), for
 * {@code --seconds} (default 5); prints fsyncs/s and latency percentiles. The file lives in
 * {@code --dir} (default: a temp dir, on the same disk as CommitLoad's temp datadir).
 */
public final class FsyncProbe {
    public static void main(String[] argv) throws Exception {
        int bytes = 200;
        int seconds = 5;
        Path dir = null;
        for (String a : argv) {
            if (a.startsWith("--bytes=")) bytes = Integer.parseInt(a.substring(8));
            else if (a.startsWith("--seconds=")) seconds = Integer.parseInt(a.substring(10));
            else if (a.startsWith("--dir=")) dir = Path.of(a.substring(6));
            else throw new IllegalArgumentException("usage: FsyncProbe [--bytes=200] [--seconds=5] [--dir=DIR]");
        }
        Path directory = dir != null ? dir : Files.createTempDirectory("minisqld-fsyncprobe-");
        Path file = directory.resolve("probe.bin");
        long[] samples = new long[1 << 16];
        int n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(bytes);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long now;
            while ((now = System.nanoTime()) < end) {
                block.clear();
                while (block.hasRemaining()) ch.write(block);
                ch.force(false);
                if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
                samples[n++] = System.nanoTime() - now;
            }
        } finally {
            Files.deleteIfExists(file);
            if (dir == null) Files.deleteIfExists(directory);
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%d appends of %d bytes + force(false) in %d s: %.0f/s; "
                        + "p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                n, bytes, seconds, n / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
                sorted[n - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
