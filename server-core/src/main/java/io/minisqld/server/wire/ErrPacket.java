package io.minisqld.server.wire;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import java.nio.charset.StandardCharsets;

/** The ERR packet with the 4.1 SQLSTATE marker (spec §1.5): 0xFF, code, '#', SQLSTATE, message. */
public record ErrPacket(int number, String sqlState, String message) {
    /** The first payload byte of an ERR packet. */
    public static final int HEADER = 0xFF;
    /** What a packet without a SQLSTATE marker is read as. */
    public static final String GENERAL_SQL_STATE = "HY000";

    public static ErrPacket of(SqlError error) {
        return new ErrPacket(error.number(), error.sqlState(), error.getMessage());
    }

    public static ErrPacket of(ErrorCode code, Object... args) {
        return new ErrPacket(code.number(), code.sqlState(), code.message(args));
    }

    /** Whether a payload is an ERR packet. */
    public static boolean isErr(byte[] payload) {
        return payload.length > 0 && (payload[0] & 0xFF) == HEADER;
    }

    public byte[] encode() {
        String state = sqlState == null || sqlState.length() != 5 ? GENERAL_SQL_STATE : sqlState;
        ByteWriter w = new ByteWriter(16 + (message == null ? 0 : message.length() * 3));
        w.int1(HEADER).int2(number).int1('#').utf8(state);
        if (message != null) {
            w.utf8(message);
        }
        return w.toByteArray();
    }

    /**
     * Decodes an ERR payload (first byte 0xFF) leniently, as a client must read whatever a
     * server sends: a packet too short for the code gives 0, one without the '#' marker the
     * general SQLSTATE, and the message is the rest as UTF-8.
     */
    public static ErrPacket decode(byte[] payload) {
        int number = payload.length >= 3 ? (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8 : 0;
        int at = 3;
        String state = GENERAL_SQL_STATE;
        if (payload.length >= 9 && payload[3] == '#') {
            state = new String(payload, 4, 5, StandardCharsets.US_ASCII);
            at = 9;
        }
        String message = payload.length > at ? new String(payload, at, payload.length - at, StandardCharsets.UTF_8) : "";
        return new ErrPacket(number, state, message);
    }
}
