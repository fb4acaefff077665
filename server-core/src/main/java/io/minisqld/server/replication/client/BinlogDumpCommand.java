package io.minisqld.server.replication.client;

import io.minisqld.server.wire.ByteWriter;

import java.nio.charset.StandardCharsets;

/**
 * COM_BINLOG_DUMP (0x12, protocol.md §2.2): stream the source's binlog from a file and position.
 *
 * @param position start position (≥ 4; 32 bits on the wire)
 * @param flags    0x01 BINLOG_DUMP_NON_BLOCK, 0x02 BINLOG_SEND_ANNOTATE_ROWS_EVENT (MariaDB)
 * @param serverId the replica's server_id (0 makes the dump non-blocking on MariaDB)
 * @param file     the binlog file; empty for the first file in the source's index
 */
public record BinlogDumpCommand(long position, int flags, long serverId, String file) {
    /** The command byte. */
    public static final int CODE = 0x12;
    /** Flag: send EOF at the end of the binlog instead of waiting. */
    public static final int NON_BLOCK = 0x01;

    /** The packet payload. */
    public byte[] encode() {
        return new ByteWriter().int1(CODE).int4(position).int2(flags).int4(serverId)
                .bytes(file.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }
}
