package io.minisqld.server.binlog.event;

/**
 * MariaDB's GTID_EVENT (type 162, §3.11), decoded only: begins an event group.
 *
 * @param seqNo    sequence number
 * @param domainId replication domain
 * @param flags2   FL_STANDALONE 1, FL_GROUP_COMMIT_ID 2, FL_TRANSACTIONAL 4, FL_ALLOW_PARALLEL 8,
 *                 FL_WAITED 16, FL_DDL 32, FL_PREPARED_XA 64, FL_COMPLETED_XA 128
 * @param commitId the group commit id when FL_GROUP_COMMIT_ID is set, else 0
 */
public record MariadbGtidEvent(long seqNo, long domainId, int flags2, long commitId) implements EventBody {
    public static final int FL_STANDALONE = 1;
    public static final int FL_GROUP_COMMIT_ID = 2;
    public static final int FL_TRANSACTIONAL = 4;
    public static final int FL_DDL = 32;

    @Override
    public int typeCode() {
        return EventType.MARIADB_GTID.code();
    }

    /** Whether the group is the single next event (no terminating COMMIT/XID). */
    public boolean standalone() {
        return (flags2 & FL_STANDALONE) != 0;
    }
}
