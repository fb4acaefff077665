package io.minisqld.server.binlog.event;

import io.minisqld.server.gtid.GtidSet;

/**
 * MySQL 5.7's PREVIOUS_GTIDS_LOG_EVENT (type 35, row-events-gtid-mts.md B.3): the second event of
 * every binlog file, the GTIDs of all earlier files and of {@code gtid_purged} (empty while no
 * transaction had a GTID).
 */
public record PreviousGtidsEvent(GtidSet gtids) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.PREVIOUS_GTIDS.code();
    }
}
