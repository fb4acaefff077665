package io.minisqld.server.protocol;

import io.minisqld.server.wire.HandshakeV10;
import java.security.SecureRandom;

/**
 * Makes the 20-byte auth scrambles. Bytes are printable ASCII 0x21–0x7E, never NUL: clients
 * such as mysql-binlog-connector-java read the scramble as NUL-terminated strings and round-trip
 * it through a Java String (spec §1.4.1). One instance per listener; SecureRandom is thread-safe.
 */
final class Scramble {
    static final int LENGTH = HandshakeV10.SCRAMBLE_LENGTH;
    private static final int FIRST = 0x21;
    private static final int COUNT = 0x7E - 0x21 + 1;

    private final SecureRandom random = new SecureRandom();

    byte[] next() {
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            b[i] = (byte) (FIRST + random.nextInt(COUNT));
        }
        return b;
    }
}
