package io.minisqld.server.result;

/** MySQL's column type codes as they travel in a column definition (protocol spec §1.6). */
public enum ColumnType {
    DECIMAL(0x00), TINY(0x01), SHORT(0x02), LONG(0x03), FLOAT(0x04), DOUBLE(0x05), NULL(0x06),
    TIMESTAMP(0x07), LONGLONG(0x08), INT24(0x09), DATE(0x0A), TIME(0x0B), DATETIME(0x0C), YEAR(0x0D),
    VARCHAR(0x0F), BIT(0x10), JSON(0xF5), NEWDECIMAL(0xF6), ENUM(0xF7), SET(0xF8), TINY_BLOB(0xF9),
    MEDIUM_BLOB(0xFA), LONG_BLOB(0xFB), BLOB(0xFC), VAR_STRING(0xFD), STRING(0xFE), GEOMETRY(0xFF);

    private final int code;

    ColumnType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True for the types a client right-aligns and treats as numbers. */
    public boolean numeric() {
        return switch (this) {
            case DECIMAL, TINY, SHORT, LONG, FLOAT, DOUBLE, LONGLONG, INT24, YEAR, NEWDECIMAL -> true;
            default -> false;
        };
    }
}
