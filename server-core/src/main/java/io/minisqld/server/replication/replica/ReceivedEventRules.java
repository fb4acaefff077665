package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.HeartbeatEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.codec.ChecksumMismatchException;
import io.minisqld.server.binlog.event.codec.DecodeContext;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.ErrorCode;
import java.io.IOException;

/**
 * What the IO thread does with each event the source sends (protocol.md §2.3.2, MySQL 5.7's
 * {@code queue_event}): checksum check (fatal 1743), then: events carrying our own server id are
 * dropped; ROTATE (real or fake) sets the source coordinates; an FDE sets the checksum of later
 * events and counts only when its log_pos is not 0; a HEARTBEAT is checked against the
 * coordinates (fatal 1623) and never queued; a STOP is ignored; anything else advances the
 * position by its length or to its log_pos when that is further (holes of a MariaDB primary).
 * Everything but HEARTBEAT and STOP is appended to the relay log as received (ROTATE and FDE
 * included, so the SQL thread learns the source file and format from the relay log).
 *
 * <p>IO thread only.
 */
final class ReceivedEventRules {
    /** What became of an event. */
    enum Queued {
        /** Appended to the relay log; the position moved. */
        APPENDED,
        /** Our own event: not appended, but the position moved past it. */
        SKIPPED_OWN,
        /** A HEARTBEAT or STOP: nothing changes. */
        IGNORED
    }

    private final long ownServerId;
    private final RelayLog relayLog;
    /** Source coordinates received (queued, maybe not yet synced). */
    private LogPosition received;
    /** The stream's format: the checksum @master_binlog_checksum announced until the first FDE, then the FDE's. */
    private DecodeContext stream = DecodeContext.assuming(ChecksumAlgorithm.NONE);

    ReceivedEventRules(long ownServerId, RelayLog relayLog, LogPosition startAt) {
        this.ownServerId = ownServerId;
        this.relayLog = relayLog;
        this.received = startAt;
    }

    /** How far events were received: where a reconnect asks the dump to start. */
    LogPosition received() {
        return received;
    }

    /** A new stream starts with the checksum the source announced (@master_binlog_checksum). */
    void useChecksum(ChecksumAlgorithm checksum) {
        stream = DecodeContext.assuming(checksum);
    }

    /** Checks, classifies and (mostly) appends one event; moves {@link #received()}. */
    Queued queue(byte[] event) throws IoFatalError {
        EventHeader h;
        try {
            h = EventFraming.decodeHeader(event, 0);
            if (h.eventLength() != event.length) throw new EventFormatException("length mismatch");
        } catch (EventFormatException e) {
            throw IoFatalError.relayWriteFailure(e);
        }
        int type = h.type();
        boolean fde = type == EventType.FORMAT_DESCRIPTION.code();
        ChecksumAlgorithm alg;
        try {
            alg = fde ? EventFraming.declaredChecksum(event) : stream.checksum();
        } catch (EventFormatException e) {
            throw IoFatalError.relayWriteFailure(e);
        }
        if (alg == ChecksumAlgorithm.CRC32 && !EventFraming.crcMatches(event, fde)) {
            throw IoFatalError.of(ErrorCode.ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE);
        }
        // the FDE becomes the stream's format (checksum included) for the events after it
        if (fde) decode(event);

        if (type == EventType.HEARTBEAT.code()) {
            HeartbeatEvent hb = (HeartbeatEvent) decode(event);
            if (!hb.logFile().equals(received.file()) || h.nextPosition() < received.offset()) {
                throw IoFatalError.of(ErrorCode.ER_SLAVE_HEARTBEAT_FAILURE, "inconsistent heartbeat event content;"
                        + "the event's data: log_file_name " + hb.logFile() + " log_pos " + h.nextPosition());
            }
            if (h.nextPosition() > received.offset()) {
                // a source that left out transactions the replica has (auto-position) says where it
                // is: as MySQL, a ROTATE to that place in the relay log moves the SQL thread there too
                LogPosition skippedTo = new LogPosition(received.file(), h.nextPosition());
                try {
                    relayLog.append(EventFraming.encodeWithLogPos(new EventHeaderFields(0, 0, EventFlags.ARTIFICIAL),
                            new RotateEvent(skippedTo.offset(), skippedTo.file()), 0, stream.checksum()));
                } catch (IOException e) {
                    throw IoFatalError.relayWriteFailure(e);
                }
                received = skippedTo;
            }
            return Queued.IGNORED;
        }
        if (type == EventType.STOP.code()) return Queued.IGNORED;

        LogPosition next = received;
        if (type == EventType.ROTATE.code()) {
            RotateEvent r = (RotateEvent) decode(event);
            next = new LogPosition(r.nextFile(), r.position());
        } else if (fde) {
            if (h.nextPosition() != 0) next = new LogPosition(received.file(), received.offset() + event.length);
        } else if ((h.flags() & EventFlags.ARTIFICIAL) != 0 || h.nextPosition() == 0) {
            // Generated on the fly by the source (MariaDB's GTID list at a GTID dump start): no move.
            next = received;
        } else {
            long pos = received.offset() + event.length;
            // A MariaDB primary leaves holes where it omits events for our capability level.
            if (h.nextPosition() > pos) pos = h.nextPosition();
            next = new LogPosition(received.file(), pos);
        }
        boolean own = h.serverId() == ownServerId && type != EventType.ROTATE.code() && !fde;
        if (!own) {
            try {
                relayLog.append(event);
            } catch (IOException e) {
                throw IoFatalError.relayWriteFailure(e);
            }
        }
        received = next;
        if (!own) noteGtids(type, event);
        return own ? Queued.SKIPPED_OWN : Queued.APPENDED;
    }

    /** Retrieved_Gtid_Set follows the GTID transactions as their events arrive. */
    private void noteGtids(int type, byte[] event) throws IoFatalError {
        RetrievedGtids r = relayLog.retrieved();
        if (type == EventType.GTID.code() || type == EventType.ANONYMOUS_GTID.code()) {
            io.minisqld.server.binlog.event.GtidEvent g = (io.minisqld.server.binlog.event.GtidEvent) decode(event);
            r.started(g.anonymous() ? null : new io.minisqld.server.gtid.Gtid(g.uuid(), g.gno()));
        } else if (type == EventType.XID.code()) {
            r.ended();
        } else if (type == EventType.QUERY.code() && r.inTransaction()) {
            r.query(((io.minisqld.server.binlog.event.QueryEvent) decode(event)).sql().strip());
        }
    }

    private EventBody decode(byte[] event) throws IoFatalError {
        try {
            return EventFraming.decode(event, stream).body();
        } catch (ChecksumMismatchException e) {
            throw IoFatalError.of(ErrorCode.ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE);
        } catch (EventFormatException e) {
            throw IoFatalError.relayWriteFailure(e);
        }
    }
}
