package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts acknowledgements per replica for {@code rpl_semi_sync_master_wait_for_slave_count} N > 1
 * (spec §2.9): a position is reported once N distinct replicas have acknowledged at least it,
 * and the position reported is the smallest of those N latest acknowledgements.
 *
 * <p>MySQL keeps N−1 slots and, when the N-th replica's ack arrives, reports the <em>last</em>
 * slot below the new ack in array order, not the smallest (mysql-server PR #509). This class
 * implements the intended rule — the minimum — as the issue asks.
 *
 * <p>Not thread-safe: called with the master's lock held.
 */
public final class AckContainer {
    private final int required;
    private final SemiSyncTrace trace;
    /** server_id → latest ack not yet covered by a report; at most {@code required − 1} entries. */
    private final Map<Long, LogPosition> slots = new HashMap<>();
    private LogPosition greatestReported;

    /**
     * @param required wait_for_slave_count (≥ 1; with 1 every ack is reported at once)
     * @param trace    where a refused ack is traced
     */
    public AckContainer(int required, SemiSyncTrace trace) {
        if (required < 1) {
            throw new IllegalArgumentException("wait_for_slave_count must be at least 1");
        }
        this.required = required;
        this.trace = trace;
    }

    public int required() {
        return required;
    }

    /**
     * Records replica {@code serverId}'s acknowledgement of {@code position}.
     *
     * @return the position now acknowledged by {@code required} replicas, if this ack completes one
     */
    public Optional<LogPosition> ack(long serverId, LogPosition position) {
        if (greatestReported != null && position.isAtOrBefore(greatestReported)) {
            trace.detail("The received ack is smaller than m_greatest_ack");
            return Optional.empty();
        }
        if (required == 1) {
            greatestReported = position;
            return Optional.of(position);
        }
        if (slots.containsKey(serverId) || slots.size() < required - 1) {
            slots.put(serverId, position);
            return Optional.empty();
        }
        // The N-th distinct replica: the smallest of the N acks is acknowledged by all N.
        LogPosition minimum = position;
        for (LogPosition slot : slots.values()) {
            if (slot.isBefore(minimum)) {
                minimum = slot;
            }
        }
        LogPosition reported = minimum;
        slots.values().removeIf(slot -> slot.equals(reported));
        if (!position.equals(reported)) {
            slots.put(serverId, position);
        }
        greatestReported = reported;
        return Optional.of(reported);
    }

    /**
     * A container for a new {@code required} holding this one's outstanding acks, re-inserted (as
     * MySQL's resize does); {@code reports} receives any position the re-insertion completes.
     */
    public AckContainer resized(int newRequired, java.util.function.Consumer<LogPosition> reports) {
        AckContainer resized = new AckContainer(newRequired, trace);
        resized.greatestReported = greatestReported;
        for (Map.Entry<Long, LogPosition> slot : slots.entrySet()) {
            resized.ack(slot.getKey(), slot.getValue()).ifPresent(reports);
        }
        return resized;
    }

    /** Forgets every ack (disable, RESET MASTER). */
    public void clear() {
        slots.clear();
        greatestReported = null;
    }
}
