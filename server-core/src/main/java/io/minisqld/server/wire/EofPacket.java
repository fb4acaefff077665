package io.minisqld.server.wire;

/** The classic 5-byte EOF packet (spec §1.5): 0xFE, warning count, status flags. */
public record EofPacket(int warnings, int status) {
    /** The first payload byte of an EOF packet. */
    public static final int HEADER = 0xFE;

    public byte[] encode() {
        return new ByteWriter(5).int1(HEADER).int2(warnings).int2(status).toByteArray();
    }

    /**
     * Whether a payload in a result set is an EOF packet: 0xFE and shorter than 9 bytes (a row
     * may start with 0xFE, the 8-byte length marker, but is then longer).
     */
    public static boolean isEof(byte[] payload) {
        return payload.length > 0 && (payload[0] & 0xFF) == HEADER && payload.length < 9;
    }

    /** Decodes an EOF payload; fields the packet is too short for read as 0 (pre-4.1 servers). */
    public static EofPacket decode(byte[] payload) {
        int warnings = payload.length >= 3 ? (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8 : 0;
        int status = payload.length >= 5 ? (payload[3] & 0xFF) | (payload[4] & 0xFF) << 8 : 0;
        return new EofPacket(warnings, status);
    }
}
