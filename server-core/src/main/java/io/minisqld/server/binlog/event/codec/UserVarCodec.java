package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.UserVarEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import java.nio.charset.StandardCharsets;

/** USER_VAR body (§3.10): name length + name, is_null, then type, charset, value length + value, optional flags. */
final class UserVarCodec implements EventBodyCodec<UserVarEvent> {
    @Override
    public int type() {
        return EventType.USER_VAR.code();
    }

    @Override
    public Class<UserVarEvent> bodyClass() {
        return UserVarEvent.class;
    }

    @Override
    public void encode(UserVarEvent e, ByteWriter out) {
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        out.int4(name.length).bytes(name);
        byte[] value = e.value();
        if (value == null) {
            out.int1(1);
            return;
        }
        out.int1(0).int1(e.valueType()).int4(e.charset()).int4(value.length).bytes(value);
        if (e.flags() != null) out.int1(e.flags());
    }

    @Override
    public UserVarEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        String name = in.utf8((int) in.int4());
        boolean isNull = in.int1() != 0;
        if (isNull) return new UserVarEvent(name, null, UserVarEvent.STRING_RESULT, 0, null);
        int type = in.int1();
        int charset = (int) in.int4();
        byte[] value = in.bytes((int) in.int4());
        Integer flags = in.remaining() > 0 ? in.int1() : null;
        return new UserVarEvent(name, value, type, charset, flags);
    }
}
