package io.minisqld.server.wire;

import java.nio.charset.StandardCharsets;

/**
 * COM_BINLOG_DUMP_GTID (0x1E, row-events-gtid-mts.md B.8): stream the source's binlog, leaving
 * out the transactions whose GTIDs the replica names. MySQL 5.7 replicas send an empty file name
 * (as many 0x00 bytes as their old file name had) and position 4; the GTID set is in MySQL's
 * binary form, decoded by the source.
 *
 * @param flags    {@link BinlogDumpCommand#NON_BLOCK} (1)
 * @param serverId the replica's {@code server_id}
 * @param file     the file to start in; empty: the source finds it from the GTIDs
 * @param position where in {@code file}
 * @param gtids    the replica's GTID set, binary
 */
public record BinlogDumpGtidCommand(int flags, long serverId, String file, long position, byte[] gtids) {
    /** The command byte. */
    public static final int CODE = Command.BINLOG_DUMP_GTID.code();

    /** The packet payload. */
    public byte[] encode() {
        byte[] name = file.getBytes(StandardCharsets.UTF_8);
        return new ByteWriter().int1(CODE).int2(flags).int4(serverId).int4(name.length).bytes(name).int8(position)
                .int4(gtids.length).bytes(gtids).toByteArray();
    }

    /** Decodes the request, command byte first; a name whose first byte is 0x00 is empty (5.7's replicas). */
    public static BinlogDumpGtidCommand decode(byte[] payload) {
        ByteReader in = new ByteReader(payload, 1);
        int flags = in.int2();
        long serverId = in.int4();
        int nameLength = (int) in.int4();
        byte[] name = in.bytes(nameLength);
        String file = name.length == 0 || name[0] == 0 ? "" : new String(name, StandardCharsets.UTF_8);
        long position = in.int8();
        byte[] gtids = new byte[0];
        if (in.remaining() >= 4) {
            int size = (int) in.int4();
            gtids = in.bytes(size);
        }
        return new BinlogDumpGtidCommand(flags, serverId, file, position, gtids);
    }

    /** The same dump as a file/position request (what the sender streams from once it knows where). */
    public BinlogDumpCommand asFileDump() {
        return new BinlogDumpCommand(position, flags, serverId, file);
    }
}
