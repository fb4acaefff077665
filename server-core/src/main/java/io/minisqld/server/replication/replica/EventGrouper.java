package io.minisqld.server.replication.replica;

import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.AnnotateRowsEvent;
import io.minisqld.server.binlog.event.BinlogCheckpointEvent;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.GtidListEvent;
import io.minisqld.server.binlog.event.HeartbeatEvent;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.MariadbGtidEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.RandEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.binlog.event.UserVarEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.error.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the relay log's events into what the SQL thread applies as one unit (protocol.md
 * §2.3.2): BEGIN … XID or COMMIT/ROLLBACK, MariaDB's GTID … XID/COMMIT, or a single statement
 * with the INTVAR/RAND/USER_VAR events before it. Events outside any group (FDEs, ROTATEs,
 * dummies of a MariaDB source, GTID lists, checkpoints) only move the positions.
 *
 * <p>SQL thread only.
 */
final class EventGrouper {
    private static final Logger log = LoggerFactory.getLogger(EventGrouper.class);

    /** What the SQL thread does after one event. */
    sealed interface Step {
        /** Nothing yet: the event joined a group that is still open, or moves nothing. */
        record Hold() implements Step {
        }

        /**
         * An event outside any group: the applied position moves past it, and the executed source
         * position to {@code logPos} unless that is 0 (artificial events).
         */
        record Advance(long logPos) implements Step {
        }

        /** A ROTATE outside any group: the source file the next events come from, and where. */
        record Rotate(String file, long position) implements Step {
        }

        /**
         * A complete group ending at {@code logPos} in the source's binlog; {@code rolledBack} when
         * the source rolled it back (its position is recorded, nothing applied).
         */
        record Apply(List<PositionedEvent> events, long logPos, boolean rolledBack) implements Step {
        }
    }

    private static final Step HOLD = new Step.Hold();

    /** The group being read, null between groups. */
    private Group group;
    /** INTVAR/RAND/USER_VAR events read outside a group: they belong to the next statement. */
    private final List<PositionedEvent> pendingContext = new ArrayList<>();

    /** Events read since the group began, and whether it ends with XID/COMMIT. */
    private static final class Group {
        final List<PositionedEvent> events = new ArrayList<>();
        /** Ends with XID/COMMIT; a MySQL GTID group learns it from the BEGIN that follows. */
        boolean transactional;

        Group(boolean transactional, PositionedEvent first) {
            this.transactional = transactional;
            events.add(first);
        }
    }

    /**
     * Whether the SQL thread applies a group inside BEGIN … COMMIT of its own: not a MySQL GTID
     * group without BEGIN (a DDL statement, which commits by itself under its GTID; an implicit
     * commit of an opened transaction would use the GTID for an empty transaction first, and
     * MySQL refuses it with 1778). Other single statements are wrapped, so that their position
     * commits with them.
     */
    static boolean appliedInTransaction(List<PositionedEvent> group) {
        if (!(group.get(0).body() instanceof io.minisqld.server.binlog.event.GtidEvent)) return true;
        for (PositionedEvent e : group) {
            if (e.body() instanceof QueryEvent q && q.sql().strip().equalsIgnoreCase("BEGIN")) return true;
        }
        return false;
    }

    /** Whether a group is open (a STOP or a file switch waits for its end). */
    boolean inGroup() {
        return group != null;
    }

    /** Takes the next event of the relay log. */
    Step take(PositionedEvent e) throws ApplyFailure {
        EventBody body = e.body();
        long logPos = e.header().nextPosition();
        boolean artificial = (e.header().flags() & EventFlags.ARTIFICIAL) != 0;
        if (body instanceof FormatDescriptionEvent) {
            if (e.position() == BinlogReader.FIRST_EVENT_POSITION) return HOLD;
            // a source FDE with log_pos != 0 starts a file the source wrote anew: a group left
            // open before it was cut by a source restart and will never end (spec §5.2)
            if (group != null && logPos != 0) {
                log.warn("Slave SQL for channel '': the source restarted inside a transaction; its partial events "
                        + "are discarded");
                group = null;
            }
            return group == null ? new Step.Advance(artificial ? 0 : logPos) : HOLD;
        }
        if (body instanceof RotateEvent r) {
            return group == null ? new Step.Rotate(r.nextFile(), r.position()) : HOLD;
        }
        if (body instanceof MariadbGtidEvent g) {
            group = new Group(!g.standalone(), e);
            return HOLD;
        }
        if (body instanceof io.minisqld.server.binlog.event.GtidEvent) {
            // MySQL's GTID (or anonymous) event: BEGIN … XID or one statement follows (B.3)
            group = new Group(false, e);
            return HOLD;
        }
        if (body instanceof QueryEvent q) return query(e, q, logPos);
        if (body instanceof XidEvent) {
            if (group == null) return new Step.Advance(logPos);
            return end(e, logPos, false);
        }
        if (body instanceof io.minisqld.server.binlog.event.TableMapEvent
                || body instanceof io.minisqld.server.binlog.event.RowsEvent) {
            // a statement's row changes, inside its transaction's group (row-events A.6)
            if (group == null) group = new Group(false, e);
            else group.events.add(e);
            return HOLD;
        }
        if (body instanceof IntvarEvent || body instanceof UserVarEvent || body instanceof RandEvent) {
            if (group != null) group.events.add(e);
            else pendingContext.add(e);
            return HOLD;
        }
        if (body instanceof GtidListEvent || body instanceof BinlogCheckpointEvent || body instanceof AnnotateRowsEvent
                || body instanceof io.minisqld.server.binlog.event.PreviousGtidsEvent
                || body instanceof io.minisqld.server.binlog.event.RowsQueryEvent
                || body instanceof HeartbeatEvent || body instanceof StopEvent) {
            return group == null ? new Step.Advance(artificial ? 0 : logPos) : HOLD;
        }
        throw new ApplyFailure(ErrorCode.ER_UNKNOWN_ERROR.number(), "Relay log read failure: Could not parse relay "
                + "log event entry. Event type " + e.header().type() + " at relay log position " + e.position()
                + " is not supported by this replica");
    }

    private Step query(PositionedEvent e, QueryEvent q, long logPos) {
        String sql = q.sql().strip();
        if (sql.equalsIgnoreCase("BEGIN")) {
            if (group != null && !group.transactional && group.events.size() == 1
                    && group.events.get(0).body() instanceof io.minisqld.server.binlog.event.GtidEvent) {
                group.transactional = true;
                group.events.add(e);
            } else {
                group = new Group(true, e);
            }
            return HOLD;
        }
        if (sql.startsWith("#")) {
            // a dummy event standing in for one the source left out (spec §3.11)
            return group == null ? new Step.Advance(logPos) : HOLD;
        }
        if (group != null && group.transactional
                && (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK"))) {
            return end(e, logPos, sql.equalsIgnoreCase("ROLLBACK"));
        }
        if (group != null && group.transactional) {
            group.events.add(e);
            return HOLD;
        }
        // a statement of its own (DDL, a non-transactional write) or the one of a standalone GTID group
        List<PositionedEvent> single = new ArrayList<>(group != null ? group.events : List.of());
        single.addAll(pendingContext);
        pendingContext.clear();
        single.add(e);
        group = null;
        return new Step.Apply(single, logPos, false);
    }

    private Step end(PositionedEvent e, long logPos, boolean rolledBack) {
        group.events.add(e);
        List<PositionedEvent> events = group.events;
        group = null;
        return new Step.Apply(events, logPos, rolledBack);
    }
}
