package io.minisqld.server.binlog.rows;

import io.minisqld.server.charset.MysqlCharset;
import java.util.List;

/**
 * One column as TABLE_MAP and row events describe it (row-events-gtid-mts.md §A.4), with MySQL
 * 5.7's real types: TINY 1, SHORT 2, INT24 9, LONG 3, LONGLONG 8, FLOAT 4, DOUBLE 5, NEWDECIMAL
 * 246, VARCHAR 15, STRING 254 (CHAR, BINARY, ENUM), BLOB 252 (every TEXT and BLOB size), DATE 10,
 * TIME2 19, DATETIME2 18, TIMESTAMP2 17, YEAR 13, BIT 16 (JSON is logged as MariaDB logs it: a BLOB of its text).
 *
 * @param metadata   the type's TABLE_MAP metadata as {@link io.minisqld.server.binlog.event.TableMapEvent#metadata()}
 *                   keeps it: FLOAT 4, DOUBLE 8; NEWDECIMAL {@code precision << 8 | scale}; VARCHAR its
 *                   maximum length in bytes; STRING {@code byte0 << 8 | byte1} (real type, then length);
 *                   BLOB the size of the length prefix (1 to 4); TIME2, DATETIME2, TIMESTAMP2 the
 *                   fractional digits; BIT {@code (bits % 8) << 8 | bits / 8}; 0 for the other types
 * @param unsigned   an UNSIGNED integer, DECIMAL, FLOAT or DOUBLE (MySQL's TABLE_MAP does not say so;
 *                   the values' range does)
 * @param charset    a character column's (CHAR, VARCHAR, TEXT) set: its values are text, written as
 *                   their bytes in that set; null for BINARY, VARBINARY, BLOB and the other types
 * @param enumValues an ENUM's values in order (index 1 is the first), a SET's members in order (bit 0
 *                   is the first), else empty
 */
public record BinlogColumn(String name, int type, int metadata, boolean nullable, boolean unsigned,
                           MysqlCharset charset, List<String> enumValues) {
    public static final int TINY = 1;
    public static final int SHORT = 2;
    public static final int LONG = 3;
    public static final int FLOAT = 4;
    public static final int DOUBLE = 5;
    public static final int LONGLONG = 8;
    public static final int INT24 = 9;
    public static final int DATE = 10;
    public static final int YEAR = 13;
    public static final int VARCHAR = 15;
    public static final int BIT = 16;
    public static final int TIMESTAMP2 = 17;
    public static final int DATETIME2 = 18;
    public static final int TIME2 = 19;
    public static final int NEWDECIMAL = 246;
    /** A real type carried in a STRING column's metadata. */
    public static final int ENUM = 247;
    /** A real type carried in a STRING column's metadata. */
    public static final int SET = 248;
    public static final int BLOB = 252;
    public static final int STRING = 254;

    public BinlogColumn {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    /** A character column: its values are text. */
    public boolean text() {
        return charset != null;
    }

    /** The real type of a STRING column: STRING (CHAR / BINARY), ENUM or SET; the type itself for any other. */
    public int realType() {
        if (type != STRING) return type;
        int byte0 = metadata >> 8;
        // a CHAR longer than 255 bytes carries its length's high bits in the real type byte (§A.4)
        return (byte0 & 0x30) == 0x30 ? byte0 : byte0 | 0x30;
    }

    /**
     * The most bytes a value takes: VARCHAR's and CHAR's declared maximum, BLOB's by its length
     * prefix; -1 for the types without a byte length.
     */
    public long maxBytes() {
        return switch (type) {
            case VARCHAR -> metadata;
            case STRING -> realType() == STRING ? (metadata & 0xFF) | ((((metadata >> 8) & 0x30) ^ 0x30) << 4) : -1;
            case BLOB -> (1L << (8 * metadata)) - 1;
            default -> -1;
        };
    }

    /** A BLOB or TEXT column: what binlog_row_image=NOBLOB leaves out. */
    public boolean isBlob() {
        return type == BLOB;
    }
}
