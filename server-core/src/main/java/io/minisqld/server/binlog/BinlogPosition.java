package io.minisqld.server.binlog;

import java.util.Comparator;

/**
 * A position in the binlog: a file name (no directory) and a byte offset in it. Orders by file
 * sequence number, then offset ({@code .999999} sorts before {@code .1000000}).
 */
public record BinlogPosition(String file, long position) implements Comparable<BinlogPosition> {

    private static final Comparator<BinlogPosition> ORDER = Comparator
            .comparingLong((BinlogPosition p) -> BinlogFileNames.sequenceOf(p.file))
            .thenComparing(BinlogPosition::file)
            .thenComparingLong(BinlogPosition::position);

    @Override
    public int compareTo(BinlogPosition o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return file + ":" + position;
    }
}
