package io.minisqld.server.binlog;

/**
 * Why recovery stopped reading a crashed log file before its end: the bytes from
 * {@link #position()} on are cut.
 */
public sealed interface TailDamage {

    /** Where the first bad event starts: the end of the last good one. */
    long position();

    /** An event cut short by the crash, failing its checksum, or not well-formed. */
    record BadEvent(long position, String reason) implements TailDamage {
    }

    /** A whole event whose header {@code log_pos} is not its end offset in the file. */
    record WrongLogPos(long position, long logPos, long expected) implements TailDamage {
    }
}
