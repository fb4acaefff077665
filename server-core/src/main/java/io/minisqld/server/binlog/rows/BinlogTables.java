package io.minisqld.server.binlog.rows;

import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Tables as row-based binary logging describes them: their columns and TABLE_MAP events. */
public final class BinlogTables {
    /** TABLE_MAP flag TM_BIT_LEN_EXACT_F, which every MySQL 5.7 writer sets (§A.3). */
    static final int TM_BIT_LEN_EXACT_F = 0x0001;
    /** Table ids are 6 bytes wide. */
    private static final long MAX_TABLE_ID = (1L << 48) - 1;

    private BinlogTables() {
    }

    /**
     * The columns of a table, in order. A column type the binlog cannot carry is refused with
     * ER_NOT_SUPPORTED_YET (1235) naming the column and its type.
     */
    public static List<BinlogColumn> columns(TableInfo table) {
        List<BinlogColumn> out = new ArrayList<>();
        for (TableInfo.ColumnInfo c : table.columns()) out.add(ColumnTypes.of(c));
        return List.copyOf(out);
    }

    /**
     * The indexes of the columns MySQL treats as the table's primary key for row images (§A.7.4):
     * the PRIMARY KEY's, else those of the first UNIQUE key whose columns are all NOT NULL (which
     * MySQL promotes to primary key); empty when there is neither.
     */
    public static List<Integer> primaryKey(TableInfo table) {
        for (TableInfo.IndexInfo index : table.indexes()) {
            if (index.name().equals("PRIMARY")) return positions(table, index);
        }
        for (TableInfo.IndexInfo index : table.indexes()) {
            if (!index.unique()) continue;
            List<Integer> key = positions(table, index);
            if (!key.isEmpty() && key.stream().noneMatch(i -> table.columns().get(i).nullable())) return key;
        }
        return List.of();
    }

    private static List<Integer> positions(TableInfo table, TableInfo.IndexInfo index) {
        List<Integer> out = new ArrayList<>();
        for (String name : index.columns()) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equalsIgnoreCase(name)) out.add(i);
            }
        }
        return out.size() == index.columns().size() ? List.copyOf(out) : List.of();
    }

    /**
     * A complete TABLE_MAP event (§A.3): table id (6 bytes), flags (2: TM_BIT_LEN_EXACT_F), the
     * database and table names (length byte, name, NUL), the column count (lenenc), one type byte
     * per column, the metadata block (lenenc length, then each column's 0 to 2 bytes), and the
     * nullability bitmap. MySQL 5.7 writes no optional metadata after it.
     */
    public static TableMapEvent tableMap(long tableId, String database, String table, List<BinlogColumn> columns) {
        if (tableId < 0 || tableId > MAX_TABLE_ID) throw new IllegalArgumentException("table id " + tableId);
        int n = columns.size();
        int[] types = new int[n];
        int[] metadata = new int[n];
        ByteWriter meta = new ByteWriter();
        byte[] nullable = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            BinlogColumn c = columns.get(i);
            types[i] = c.type();
            metadata[i] = c.metadata();
            writeMetadata(c, meta);
            if (c.nullable()) nullable[i / 8] |= (byte) (1 << (i % 8));
        }
        ByteWriter out = new ByteWriter();
        out.intLE(tableId, 6).int2(TM_BIT_LEN_EXACT_F);
        name(out, database);
        name(out, table);
        out.lenenc(n);
        for (int type : types) out.int1(type);
        out.lenenc(meta.size()).bytes(meta.toByteArray()).bytes(nullable);
        return new TableMapEvent(tableId, TM_BIT_LEN_EXACT_F, database, table, types, metadata, out.toByteArray());
    }

    private static void name(ByteWriter out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw ErrorCode.ER_UNKNOWN_ERROR.error("The name '" + name + "' is too long for a TABLE_MAP event");
        }
        out.int1(bytes.length).bytes(bytes).int1(0);
    }

    /** One column's metadata bytes (Field::do_save_field_metadata of each type, §A.4, §A.6). */
    private static void writeMetadata(BinlogColumn c, ByteWriter out) {
        int m = c.metadata();
        switch (c.type()) {
            case BinlogColumn.FLOAT, BinlogColumn.DOUBLE, BinlogColumn.BLOB, BinlogColumn.TIME2,
                    BinlogColumn.DATETIME2, BinlogColumn.TIMESTAMP2 -> out.int1(m);
            case BinlogColumn.VARCHAR -> out.int2(m);
            // NEWDECIMAL: precision, scale; BIT: bits % 8, bits / 8; STRING: real type, length
            case BinlogColumn.NEWDECIMAL, BinlogColumn.BIT, BinlogColumn.STRING -> out.int1(m >> 8).int1(m & 0xFF);
            default -> {
                // TINY, SHORT, INT24, LONG, LONGLONG, DATE, YEAR: no metadata
            }
        }
    }
}
