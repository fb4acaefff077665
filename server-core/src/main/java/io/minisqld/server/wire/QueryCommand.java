package io.minisqld.server.wire;

import java.nio.charset.StandardCharsets;

/**
 * COM_QUERY (0x03, spec §1.7): the statement text, the rest of the packet, as bytes in the
 * connection's {@code character_set_client} (which only the session knows).
 */
public record QueryCommand(byte[] sql) {
    /** The command byte. */
    public static final int CODE = Command.QUERY.code();

    /** The packet payload. */
    public byte[] encode() {
        return new ByteWriter(sql.length + 1).int1(CODE).bytes(sql).toByteArray();
    }

    /** A query of the server's own, in UTF-8 (the replica's queries to its source). */
    public static QueryCommand utf8(String sql) {
        return new QueryCommand(sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes the request, command byte first. */
    public static QueryCommand decode(byte[] payload) {
        return new QueryCommand(new ByteReader(payload, 1).restBytes());
    }
}
