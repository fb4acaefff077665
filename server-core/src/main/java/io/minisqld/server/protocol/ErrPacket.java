package io.minisqld.server.protocol;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.wire.ByteWriter;

/** The ERR packet with the 4.1 SQLSTATE marker (spec §1.5): 0xFF, code, '#', SQLSTATE, message. */
public record ErrPacket(int number, String sqlState, String message) {

    public static ErrPacket of(SqlError error) {
        return new ErrPacket(error.number(), error.sqlState(), error.getMessage());
    }

    public static ErrPacket of(ErrorCode code, Object... args) {
        return new ErrPacket(code.number(), code.sqlState(), code.message(args));
    }

    public byte[] encode() {
        String state = sqlState == null || sqlState.length() != 5 ? "HY000" : sqlState;
        ByteWriter w = new ByteWriter(16 + (message == null ? 0 : message.length() * 3));
        w.int1(0xFF).int2(number).int1('#').utf8(state);
        if (message != null) {
            w.utf8(message);
        }
        return w.toByteArray();
    }
}
