package io.minisqld.server.binlog.event;

import java.util.Arrays;

/**
 * FORMAT_DESCRIPTION_EVENT (type 15, protocol.md §3.4): the first event of every binlog file.
 * Its checksum algorithm byte decides whether the events after it in the file carry a CRC32.
 *
 * @param binlogVersion      4
 * @param serverVersion      at most 50 bytes, NUL-padded on the wire
 * @param createTimestamp    server start time in the first file written after start-up, 0 in files opened by rotation
 * @param headerLength       19
 * @param postHeaderLengths  post-header length of event types 1..N (index = type - 1); a copy is kept
 * @param checksumAlgorithm  the algorithm of the events that follow ({@code NONE} also for servers too old to know checksums)
 */
public record FormatDescriptionEvent(int binlogVersion, String serverVersion, long createTimestamp, int headerLength,
                                     byte[] postHeaderLengths, ChecksumAlgorithm checksumAlgorithm)
        implements EventBody {

    /** Width of the NUL-padded server version field. */
    public static final int SERVER_VERSION_LENGTH = 50;

    /**
     * MySQL 5.7's post-header lengths for its 38 event types (START_V3 … XA_PREPARE), as its FDE
     * carries them: QUERY 13, ROTATE 8, FORMAT_DESCRIPTION 95 (= 57 + 38), ROWS v2 10, GTID 42,
     * TRANSACTION_CONTEXT 18, VIEW_CHANGE 52 (protocol.md §3.4).
     */
    private static final byte[] MYSQL_57_POST_HEADER_LENGTHS = {
        56, 13, 0, 8, 0, 18, 0, 4, 4, 4,
        4, 18, 0, 0, 95, 0, 4, 26, 8, 0,
        0, 0, 8, 8, 8, 2, 0, 0, 0, 10,
        10, 10, 42, 42, 0, 18, 52, 0,
    };

    public FormatDescriptionEvent {
        postHeaderLengths = postHeaderLengths.clone();
    }

    /** The FDE MySQL 5.7 writes at the start of a binlog file. */
    public static FormatDescriptionEvent mysql57(String serverVersion, long createTimestamp, ChecksumAlgorithm checksum) {
        return new FormatDescriptionEvent(4, serverVersion, createTimestamp, EventHeader.LENGTH,
                MYSQL_57_POST_HEADER_LENGTHS, checksum);
    }

    @Override
    public int typeCode() {
        return EventType.FORMAT_DESCRIPTION.code();
    }

    /** A copy of the post-header lengths. */
    @Override
    public byte[] postHeaderLengths() {
        return postHeaderLengths.clone();
    }

    /** Post-header length of a type, 0 for types beyond the table. */
    public int postHeaderLength(int type) {
        return type >= 1 && type <= postHeaderLengths.length ? postHeaderLengths[type - 1] & 0xFF : 0;
    }

    /** This event with another create timestamp (a dump resuming mid-file sends it as 0, §3.13). */
    public FormatDescriptionEvent withCreateTimestamp(long created) {
        return new FormatDescriptionEvent(binlogVersion, serverVersion, created, headerLength, postHeaderLengths,
                checksumAlgorithm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FormatDescriptionEvent f && binlogVersion == f.binlogVersion
                && serverVersion.equals(f.serverVersion) && createTimestamp == f.createTimestamp
                && headerLength == f.headerLength && Arrays.equals(postHeaderLengths, f.postHeaderLengths)
                && checksumAlgorithm == f.checksumAlgorithm;
    }

    @Override
    public int hashCode() {
        return serverVersion.hashCode() * 31 + Arrays.hashCode(postHeaderLengths);
    }

    @Override
    public String toString() {
        return "FormatDescriptionEvent[v" + binlogVersion + ", " + serverVersion + ", created=" + createTimestamp
                + ", types=" + postHeaderLengths.length + ", " + checksumAlgorithm + "]";
    }

    /**
     * Whether a server version writes the checksum algorithm byte (and CRC slot) in its FDE:
     * MySQL from 5.6.1, MariaDB from 5.3.0 (protocol.md §3.4).
     */
    public static boolean isChecksumAware(String serverVersion) {
        int[] v = parseVersion(serverVersion);
        boolean mariadb = serverVersion.contains("MariaDB") || serverVersion.contains("-maria-");
        int[] min = mariadb ? new int[] {5, 3, 0} : new int[] {5, 6, 1};
        for (int i = 0; i < 3; i++) {
            if (v[i] != min[i]) return v[i] > min[i];
        }
        return true;
    }

    private static int[] parseVersion(String version) {
        int[] parts = new int[3];
        int part = 0;
        for (int i = 0; i < version.length() && part < 3; i++) {
            char c = version.charAt(i);
            if (c >= '0' && c <= '9') {
                parts[part] = parts[part] * 10 + (c - '0');
            } else if (c == '.') {
                part++;
            } else {
                break;
            }
        }
        return parts;
    }
}
