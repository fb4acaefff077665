package io.minisqld.server.binlog.event;

import java.util.List;

/**
 * MariaDB's GTID_LIST_EVENT (type 163, §3.11), decoded only: the last GTID of each domain
 * before the file.
 *
 * @param flags the top 4 bits of the count field
 * @param gtids the list
 */
public record GtidListEvent(int flags, List<Gtid> gtids) implements EventBody {

    /** One MariaDB GTID: domain-server-seqno. */
    public record Gtid(long domainId, long serverId, long seqNo) {
        @Override
        public String toString() {
            return domainId + "-" + serverId + "-" + seqNo;
        }
    }

    public GtidListEvent {
        gtids = List.copyOf(gtids);
    }

    @Override
    public int typeCode() {
        return EventType.GTID_LIST.code();
    }
}
