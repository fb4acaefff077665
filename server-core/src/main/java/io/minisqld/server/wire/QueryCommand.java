package io.minisqld.server.wire;

import java.nio.charset.StandardCharsets;

/** COM_QUERY (0x03, spec §1.7): the statement text, the rest of the packet. */
public record QueryCommand(String sql) {
    /** The command byte. */
    public static final int CODE = Command.QUERY.code();

    /** The packet payload. */
    public byte[] encode() {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        return new ByteWriter(text.length + 1).int1(CODE).bytes(text).toByteArray();
    }

    /** Decodes the request, command byte first. */
    public static QueryCommand decode(byte[] payload) {
        return new QueryCommand(new ByteReader(payload, 1).restString());
    }
}
