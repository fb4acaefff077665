package io.minisqld.server.binlog.event;

/**
 * A WRITE_ROWS, UPDATE_ROWS or DELETE_ROWS event, version 1 (types 23–25, MariaDB's) or 2
 * (30–32, MySQL 5.7's) (row-events-gtid-mts.md §A.4): the rows one statement changed in the table
 * {@code tableId} names. The rows stay in their wire form ({@code rows}) until applied, decoded
 * then with {@code table} (the TABLE_MAP of the same statement, null when the stream gave none).
 *
 * @param type      the event's type code
 * @param flags     bit 0: the statement's last row event (STMT_END_F)
 * @param extraData version 2's extra data (without its length), empty for version 1
 * @param rows      the column count, the column bitmaps and the rows, as sent
 */
public record RowsEvent(int type, long tableId, int flags, byte[] extraData, byte[] rows, TableMapEvent table)
        implements EventBody {
    /** Which change. */
    public enum Kind { WRITE, UPDATE, DELETE }

    @Override
    public int typeCode() {
        return type;
    }

    public Kind kind() {
        return switch (type) {
            case 23, 30 -> Kind.WRITE;
            case 24, 31 -> Kind.UPDATE;
            default -> Kind.DELETE;
        };
    }

    public boolean version2() {
        return type >= 30;
    }

    /** The statement's last row event: its table maps end with it. */
    public boolean endOfStatement() {
        return (flags & 1) != 0;
    }
}
