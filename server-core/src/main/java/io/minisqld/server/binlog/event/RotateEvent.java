package io.minisqld.server.binlog.event;

/**
 * ROTATE_EVENT (type 4, §3.7): the next file and the position to continue at. A real rotate is
 * the last event of a file; a fake one (header flag ARTIFICIAL, log_pos 0) exists only on the wire.
 *
 * @param position where to continue in {@code nextFile} (4)
 * @param nextFile the file name without directory
 */
public record RotateEvent(long position, String nextFile) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.ROTATE.code();
    }
}
