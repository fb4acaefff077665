package io.minisqld.server.binlog.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * USER_VAR_EVENT (type 14, §3.10): a user variable the next statement reads.
 *
 * @param name      the variable name without {@code @}
 * @param value     the value bytes in the binlog encoding, {@code null} for SQL NULL
 * @param valueType MySQL's Item_result: 0 STRING, 1 REAL, 2 INT, 4 DECIMAL (ignored when NULL)
 * @param charset   collation id of a string value
 * @param flags     the optional trailing flags byte (1 = UNSIGNED), {@code null} when absent
 */
public record UserVarEvent(String name, byte[] value, int valueType, int charset, Integer flags) implements EventBody {

    public static final int STRING_RESULT = 0;
    public static final int REAL_RESULT = 1;
    public static final int INT_RESULT = 2;
    public static final int DECIMAL_RESULT = 4;

    public UserVarEvent {
        value = value == null ? null : value.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public int typeCode() {
        return EventType.USER_VAR.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserVarEvent u && name.equals(u.name) && Arrays.equals(value, u.value)
                && valueType == u.valueType && charset == u.charset && Objects.equals(flags, u.flags);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }
}
