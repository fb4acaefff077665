package io.minisqld.server.wire;

import java.util.Arrays;

/**
 * The server greeting, protocol version 10 (spec §1.4.1). The 20-byte scramble travels as 8
 * bytes, a filler, then 12 bytes and a NUL, with the auth-data length 21 that MariaDB
 * Connector/J relies on; the ten reserved bytes stay zero because capability bit 0 is set.
 *
 * @param scramble   the auth scramble without the trailing NUL
 * @param authPlugin the server's default auth plugin; null in a decoded greeting that names none
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] scramble, int capabilities,
                           int collation, int status, String authPlugin) {
    /** The scramble length this server sends (MySQL's SCRAMBLE_LENGTH). */
    public static final int SCRAMBLE_LENGTH = 20;

    public byte[] encode() {
        if (scramble.length != SCRAMBLE_LENGTH) {
            throw new IllegalArgumentException("scramble must be " + SCRAMBLE_LENGTH + " bytes");
        }
        return new ByteWriter(96)
                .int1(0x0A)
                .nulString(serverVersion)
                .int4(connectionId)
                .bytes(scramble, 0, 8)
                .int1(0)
                .int2(capabilities & 0xFFFF)
                .int1(collation)
                .int2(status)
                .int2(capabilities >>> 16)
                .int1(SCRAMBLE_LENGTH + 1)
                .zeros(10)
                .bytes(scramble, 8, SCRAMBLE_LENGTH - 8)
                .int1(0)
                .nulString(authPlugin)
                .toByteArray();
    }

    /**
     * Decodes a greeting as a client reads it: the part after the capability flags' lower half
     * is optional (old servers end there), the second scramble part is at least 13 bytes when
     * CLIENT_SECURE_CONNECTION is on, and trailing NULs are not part of the scramble.
     *
     * @throws MalformedPacketException for a protocol version other than 10 or a field cut short
     */
    public static HandshakeV10 decode(byte[] payload) {
        ByteReader r = new ByteReader(payload);
        int protocol = r.int1();
        if (protocol != 10) {
            throw new MalformedPacketException("protocol version " + protocol + ", not 10");
        }
        String version = r.nulString();
        long connectionId = r.int4();
        byte[] part1 = r.bytes(8);
        r.skip(1);
        int capabilities = r.int2();
        byte[] part2 = new byte[0];
        int collation = 0;
        int status = 0;
        String plugin = null;
        if (r.hasRemaining()) {
            collation = r.int1();
            status = r.int2();
            capabilities |= r.int2() << 16;
            int authLength = r.int1();
            r.skip(10);
            if ((capabilities & Capabilities.CLIENT_SECURE_CONNECTION) != 0) {
                part2 = r.bytes(Math.max(13, authLength - 8));
            }
            if ((capabilities & Capabilities.CLIENT_PLUGIN_AUTH) != 0 && r.hasRemaining()) {
                plugin = r.nulString();
            }
        }
        byte[] scramble = Arrays.copyOf(part1, part1.length + part2.length);
        System.arraycopy(part2, 0, scramble, part1.length, part2.length);
        return new HandshakeV10(version, connectionId, withoutTrailingNuls(scramble), capabilities, collation, status,
                plugin);
    }

    /** A scramble as clients use it: the NUL that ends its second part is not part of it. */
    static byte[] withoutTrailingNuls(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return n == b.length ? b : Arrays.copyOf(b, n);
    }
}
