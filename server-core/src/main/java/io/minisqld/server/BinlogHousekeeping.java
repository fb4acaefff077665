package io.minisqld.server;

import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.variables.SystemVariables;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's background thread {@code minisqld-checkpoint}: with the binlog on, an engine
 * checkpoint every second (DESIGN.md: it keeps crash recovery short, the XID table is pruned
 * behind it) and the expire_logs_days purge.
 *
 * <p>Threads: the background thread runs {@link #checkpoint()}; {@link #purgeExpired} may also
 * run on a session's thread, so its last check time is volatile.
 */
final class BinlogHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(BinlogHousekeeping.class);

    private final BinlogService binlog;
    private final SystemVariables variables;
    private final ScheduledExecutorService background;
    private volatile long lastExpiryCheckMillis;

    /** @param binlog the binary log, or null when log_bin is off (then nothing is scheduled) */
    BinlogHousekeeping(BinlogService binlog, SystemVariables variables, ServerThreadFactory threads) {
        this.binlog = binlog;
        this.variables = variables;
        this.background = Executors.newSingleThreadScheduledExecutor(r -> threads.newThread(r, "minisqld-checkpoint"));
    }

    /** Schedules the checkpoints and purges what expire_logs_days expired while the server was down. */
    void start() {
        if (binlog == null) return;
        background.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
        purgeExpired(true);
    }

    private void checkpoint() {
        try {
            binlog.checkpointNow();
        } catch (RuntimeException e) {
            log.warn("engine checkpoint failed: {}", e.getMessage());
        }
        purgeExpired(false);
    }

    /**
     * expire_logs_days: binlog files older than that many days are purged, as MySQL does at start-up
     * and when the binlog rotates (here also once a minute), never the current file.
     *
     * @param now purge now, even if the last check was less than a minute ago
     * @return the files purged
     */
    List<String> purgeExpired(boolean now) {
        long days = variables.globalLong("expire_logs_days");
        long nowMillis = System.currentTimeMillis();
        if (binlog == null || days <= 0 || (!now && nowMillis - lastExpiryCheckMillis < 60_000)) {
            return List.of();
        }
        lastExpiryCheckMillis = nowMillis;
        try {
            List<String> purged = binlog.purgeBefore(Instant.ofEpochMilli(nowMillis).minus(Duration.ofDays(days)));
            if (!purged.isEmpty()) log.info("Purged binary logs older than expire_logs_days={}: {}", days, purged);
            return purged;
        } catch (IOException | RuntimeException e) {
            log.warn("expire_logs_days purge failed: {}", e.toString());
            return List.of();
        }
    }

    /**
     * Stops the background thread without interrupting it: an interrupt inside H2's file I/O would
     * close the engine's file channel under everyone.
     */
    void stop() {
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the engine checkpoint did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A crash: the background thread is abandoned at once. */
    void abandon() {
        background.shutdownNow();
    }
}
