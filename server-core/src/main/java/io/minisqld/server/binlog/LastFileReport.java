package io.minisqld.server.binlog;

import java.util.List;

/**
 * What start-up found in the last binlog file of the index ({@link BinlogFileSet#recoverLastFile}).
 *
 * @param file          the file name, or {@code null} when the index lists no file (fresh data directory)
 * @param cleanlyClosed whether its FDE's in-use flag was clear (closed by ROTATE or STOP)
 * @param sizeFound     the file size before recovery
 * @param validEnd      the end of its last complete event: the file size after recovery
 * @param events        the file's events from the FDE on (complete, CRC-verified), in order;
 *                      empty for a cleanly closed file, which needs no recovery
 */
public record LastFileReport(String file, boolean cleanlyClosed, long sizeFound, long validEnd,
                             List<PositionedEvent> events) {
    public LastFileReport {
        events = List.copyOf(events);
    }

    /** No binlog file yet. */
    public static LastFileReport none() {
        return new LastFileReport(null, true, 0, 0, List.of());
    }

    /** Whether recovery cut a torn tail off the file. */
    public boolean truncated() {
        return validEnd < sizeFound;
    }
}
