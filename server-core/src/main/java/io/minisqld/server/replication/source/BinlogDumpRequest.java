package io.minisqld.server.replication.source;

import io.minisqld.server.wire.ByteReader;
import java.nio.charset.StandardCharsets;

/**
 * A COM_BINLOG_DUMP request (protocol.md §2.2): where to start and how.
 *
 * @param position start offset in {@code file} (32 bits on the wire)
 * @param flags    {@code BINLOG_DUMP_NON_BLOCK} (1), MariaDB's {@code BINLOG_SEND_ANNOTATE_ROWS_EVENT} (2)
 * @param serverId the replica's {@code server_id}; 0 also means non-blocking (mysqlbinlog)
 * @param file     the binlog file name; empty means the first file of the index
 */
public record BinlogDumpRequest(long position, int flags, long serverId, String file) {
    /** COM_BINLOG_DUMP's command byte. */
    public static final int COMMAND = 0x12;
    /** {@code BINLOG_DUMP_NON_BLOCK}: end with EOF at the end of the binlog instead of waiting. */
    public static final int NON_BLOCK = 1;

    /** Decodes the request, command byte first. */
    public static BinlogDumpRequest parse(byte[] payload) {
        ByteReader in = new ByteReader(payload, 1);
        long position = in.int4();
        int flags = in.int2();
        long serverId = in.int4();
        String file = new String(in.restBytes(), StandardCharsets.UTF_8);
        // a few clients send the name NUL-terminated
        int nul = file.indexOf('\0');
        if (nul >= 0) file = file.substring(0, nul);
        return new BinlogDumpRequest(position, flags, serverId, file);
    }

    /**
     * Whether the dump ends at the binlog's end (MySQL: the NON_BLOCK flag, or server id 0 as
     * mysqlbinlog without --stop-never sends).
     */
    public boolean nonBlocking() {
        return serverId == 0 || (flags & NON_BLOCK) != 0;
    }
}
