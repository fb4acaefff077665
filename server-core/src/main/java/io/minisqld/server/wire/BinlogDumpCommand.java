package io.minisqld.server.wire;

import java.nio.charset.StandardCharsets;

/**
 * COM_BINLOG_DUMP (0x12, protocol.md §2.2): stream the source's binlog from a file and position.
 * The replica encodes it, the source decodes it.
 *
 * @param position start offset in {@code file} (≥ 4; 32 bits on the wire)
 * @param flags    {@link #NON_BLOCK} (1), MariaDB's {@code BINLOG_SEND_ANNOTATE_ROWS_EVENT} (2)
 * @param serverId the replica's {@code server_id}; 0 also means non-blocking (mysqlbinlog)
 * @param file     the binlog file name; empty means the first file of the source's index
 */
public record BinlogDumpCommand(long position, int flags, long serverId, String file) {
    /** The command byte. */
    public static final int CODE = Command.BINLOG_DUMP.code();
    /** {@code BINLOG_DUMP_NON_BLOCK}: end with EOF at the end of the binlog instead of waiting. */
    public static final int NON_BLOCK = 0x01;

    /** The packet payload. */
    public byte[] encode() {
        return new ByteWriter().int1(CODE).int4(position).int2(flags).int4(serverId)
                .bytes(file.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    /** Decodes the request, command byte first; a file name some clients end with NUL loses it. */
    public static BinlogDumpCommand decode(byte[] payload) {
        ByteReader in = new ByteReader(payload, 1);
        long position = in.int4();
        int flags = in.int2();
        long serverId = in.int4();
        String file = in.restString();
        int nul = file.indexOf('\0');
        if (nul >= 0) {
            file = file.substring(0, nul);
        }
        return new BinlogDumpCommand(position, flags, serverId, file);
    }

    /**
     * Whether the dump ends at the binlog's end (MySQL: the NON_BLOCK flag, or server id 0 as
     * mysqlbinlog without --stop-never sends).
     */
    public boolean nonBlocking() {
        return serverId == 0 || (flags & NON_BLOCK) != 0;
    }
}
