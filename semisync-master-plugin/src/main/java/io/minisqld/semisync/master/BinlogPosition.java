package io.minisqld.semisync.master;

import java.util.Comparator;
import java.util.Objects;

/**
 * A binlog position: the file's base name (no directory) and a byte offset in it. Ordered as
 * MySQL's semisync orders them (spec §0): by file name first ({@code strcmp}, which works because
 * binlog names carry a zero-padded number), then by offset.
 *
 * @param file   binlog base name, e.g. {@code mysql-bin.000003}
 * @param offset end offset of an event or transaction in {@code file}
 */
public record BinlogPosition(String file, long offset) implements Comparable<BinlogPosition> {

    private static final Comparator<BinlogPosition> ORDER =
            Comparator.comparing(BinlogPosition::file).thenComparingLong(BinlogPosition::offset);

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
    }

    public static BinlogPosition of(String file, long offset) {
        return new BinlogPosition(file, offset);
    }

    @Override
    public int compareTo(BinlogPosition other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(BinlogPosition other) {
        return compareTo(other) < 0;
    }

    public boolean isAtOrBefore(BinlogPosition other) {
        return compareTo(other) <= 0;
    }

    /** As MySQL's messages print it: {@code (mysql-bin.000003, 621)}. */
    @Override
    public String toString() {
        return "(" + file + ", " + offset + ")";
    }
}
