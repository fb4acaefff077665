package io.minisqld.server.binlog.event;

/**
 * MySQL 5.7's GTID_LOG_EVENT (type 33) and ANONYMOUS_GTID_LOG_EVENT (type 34), row-events-gtid-mts.md
 * B.3: the first event of every transaction in a 5.7 binlog, naming its GTID (or none) and its place
 * in the logical clock that a replica's parallel applier schedules by (B.4).
 *
 * @param anonymous      type 34: the transaction has no GTID ({@code uuid} is all zeros, {@code gno} 0)
 * @param flags          bit 0 FLAG_MAY_HAVE_SBR: part of the transaction was logged as statements
 * @param uuid           the originating server's UUID in text form
 * @param gno            the transaction number
 * @param lastCommitted  the newest transaction (of this file) already committed when this one prepared
 * @param sequenceNumber this transaction's number in the file, from 1
 */
public record GtidEvent(boolean anonymous, int flags, String uuid, long gno, long lastCommitted, long sequenceNumber)
        implements EventBody {
    public static final int FLAG_MAY_HAVE_SBR = 1;
    public static final String NO_UUID = "00000000-0000-0000-0000-000000000000";

    /** An ANONYMOUS_GTID event. */
    public static GtidEvent anonymous(int flags, long lastCommitted, long sequenceNumber) {
        return new GtidEvent(true, flags, NO_UUID, 0, lastCommitted, sequenceNumber);
    }

    @Override
    public int typeCode() {
        return anonymous ? EventType.ANONYMOUS_GTID.code() : EventType.GTID.code();
    }

    /** The GTID in text form, {@code uuid:gno}; {@code ANONYMOUS} for an anonymous one. */
    public String gtidText() {
        return anonymous ? "ANONYMOUS" : uuid + ":" + gno;
    }
}
