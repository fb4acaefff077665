package io.minisqld.server.binlog.rows;

import java.util.BitSet;
import java.util.List;

/**
 * {@code binlog_row_image}: which columns the before and after images of a row carry, as MySQL
 * 5.7 marks them ({@code TABLE::mark_columns_per_binlog_row_image} and
 * {@code binlog_prepare_row_images}, row-events-gtid-mts.md §A.7.4). BLOB, TEXT and JSON columns
 * count as blobs for NOBLOB, as in MySQL (whose JSON field is a blob).
 */
public enum RowImage {
    FULL, MINIMAL, NOBLOB;

    /**
     * The columns of the before image (UPDATE, DELETE). Without a primary key MySQL has no other
     * way to find the row, so the image is every column whatever the setting.
     *
     * @param primaryKey the indexes of the primary key's columns ({@link BinlogTables#primaryKey}); empty for none
     */
    public BitSet before(List<BinlogColumn> columns, List<Integer> primaryKey) {
        BitSet out = new BitSet();
        if (this == FULL || primaryKey.isEmpty()) {
            out.set(0, columns.size());
            return out;
        }
        for (int i : primaryKey) out.set(i);
        if (this == NOBLOB) {
            for (int i = 0; i < columns.size(); i++) {
                if (!columns.get(i).isBlob()) out.set(i);
            }
        }
        return out;
    }

    /**
     * The columns of the after image (WRITE, UPDATE). The primary key plays no part: MINIMAL logs
     * the columns the statement assigned, NOBLOB every column but the blobs it did not assign.
     *
     * @param changed the columns the statement set: for UPDATE those whose value differs or that
     *                it assigned; for WRITE the columns given a value (an INSERT's column list and
     *                generated values such as auto-increment)
     */
    public BitSet after(List<BinlogColumn> columns, BitSet changed) {
        BitSet out = new BitSet();
        switch (this) {
            case FULL -> out.set(0, columns.size());
            case MINIMAL -> out.or(changed.get(0, columns.size()));
            case NOBLOB -> {
                for (int i = 0; i < columns.size(); i++) {
                    if (!columns.get(i).isBlob() || changed.get(i)) out.set(i);
                }
            }
        }
        return out;
    }
}
