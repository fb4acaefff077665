package io.minisqld.server.protocol;

import io.minisqld.server.result.Column;
import io.minisqld.server.wire.ByteWriter;

/** ColumnDefinition41 (spec §1.6), with the default value COM_FIELD_LIST appends. */
final class ColumnDefinitionPacket {
    private ColumnDefinitionPacket() {
    }

    /** The definition a result set sends. */
    static byte[] encode(Column c) {
        return write(c).toByteArray();
    }

    /**
     * The definition COM_FIELD_LIST sends: the same fields followed by the default value as
     * str&lt;lenenc&gt;, 0xFB when the column has none (as MySQL's field list does).
     */
    static byte[] encodeWithDefault(Column c, String defaultValue) {
        ByteWriter w = write(c);
        if (defaultValue == null) {
            w.int1(0xFB);
        } else {
            w.lenencString(defaultValue);
        }
        return w.toByteArray();
    }

    private static ByteWriter write(Column c) {
        ByteWriter w = new ByteWriter(64);
        w.lenencString("def")
                .lenencString(c.schema())
                .lenencString(c.table())
                .lenencString(c.orgTable())
                .lenencString(c.name())
                .lenencString(c.orgName())
                .lenenc(0x0C)
                .int2(c.charset())
                .int4(Math.min(c.length(), 0xFFFFFFFFL))
                .int1(c.type().code())
                .int2(c.flags())
                .int1(c.decimals())
                .int2(0);
        return w;
    }
}
