package io.minisqld.plugin.api;

import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a binary log or a relay log: a file's base name (no directory) and a byte offset
 * in it. It is the one position value of the server and of every hook parameter: a binlog end
 * after a commit, a dump's start, the source coordinates a replica has received or executed, a
 * relay log position.
 *
 * <p><b>Order.</b> By the file's sequence number, the decimal number after the last dot of its
 * name ({@code mysql-bin.000010} comes after {@code mysql-bin.000009}, and {@code .1000000} after
 * {@code .999999}, which MySQL names past the six zero-padded digits), then by the name itself
 * (only positions of the same log are meaningfully compared; a name without a number, such as the
 * empty name of a replica that has received nothing yet, sorts first), then by offset.
 *
 * <p><b>Beside it.</b> A parameter exposes its position as {@code position()}; the GTID set that a
 * later release may record with a transaction or a dump will be a sibling accessor
 * ({@code gtidSet()}) of the same parameter, not a field of this value, which stays a file
 * coordinate.
 *
 * @param file   the log file's base name, e.g. {@code mysql-bin.000003}; empty when a replica
 *               knows no source file yet (it then asks for the source's first file)
 * @param offset the byte offset in {@code file}: where an event starts or, for the end of an
 *               event or transaction, where the next one starts
 */
public record LogPosition(String file, long offset) implements Comparable<LogPosition> {

    private static final Comparator<LogPosition> ORDER = Comparator
            .comparingLong((LogPosition p) -> fileSequence(p.file))
            .thenComparing(LogPosition::file)
            .thenComparingLong(LogPosition::offset);

    public LogPosition {
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("negative log offset " + offset);
        }
    }

    public static LogPosition of(String file, long offset) {
        return new LogPosition(file, offset);
    }

    /**
     * The sequence number of a log file name: the decimal digits after its last dot
     * ({@code mysql-bin.000123} gives 123), or -1 when the name has no such number.
     */
    public static long fileSequence(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return -1;
        }
        long n = 0;
        for (int i = dot + 1; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9' || n > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** This position's {@link #fileSequence(String) file sequence number}. */
    public long fileSequence() {
        return fileSequence(file);
    }

    /** The same file at another offset. */
    public LogPosition withOffset(long newOffset) {
        return new LogPosition(file, newOffset);
    }

    @Override
    public int compareTo(LogPosition other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(LogPosition other) {
        return compareTo(other) < 0;
    }

    public boolean isAtOrBefore(LogPosition other) {
        return compareTo(other) <= 0;
    }

    /** {@code mysql-bin.000003:621}. */
    @Override
    public String toString() {
        return file + ":" + offset;
    }
}
