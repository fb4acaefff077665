package io.minisqld.server.binlog;

import java.util.List;

/**
 * What recovery found in the last file of a {@link LogFileSet}'s index
 * ({@link LogFileSet#recoverLastFile}).
 *
 * @param file          the file name, or {@code null} when the index lists no file (fresh data directory)
 * @param cleanlyClosed whether it needed no recovery: its FDE's in-use flag was clear (closed by
 *                      ROTATE or STOP), or, for a kind that tolerates it, the file was lost
 * @param sizeFound     the file size before recovery
 * @param validEnd      the end of its last complete event: the file size after recovery
 * @param events        the file's events from the FDE on (complete, CRC-verified), in order, when
 *                      the caller asked for them; empty for a cleanly closed file
 * @param damage        why reading stopped before {@code sizeFound}, or null when every byte read
 *                      as whole events
 */
public record LastFileReport(String file, boolean cleanlyClosed, long sizeFound, long validEnd,
                             List<PositionedEvent> events, TailDamage damage) {
    public LastFileReport {
        events = List.copyOf(events);
    }

    /** No binlog file yet. */
    public static LastFileReport none() {
        return new LastFileReport(null, true, 0, 0, List.of(), null);
    }

    /** A file that needs no recovery. */
    static LastFileReport clean(String file, long size) {
        return new LastFileReport(file, true, size, size, List.of(), null);
    }

    /** Whether recovery cut a torn tail off the file. */
    public boolean truncated() {
        return validEnd < sizeFound;
    }
}
