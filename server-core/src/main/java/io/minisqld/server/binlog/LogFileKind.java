package io.minisqld.server.binlog;

/**
 * What one kind of {@link LogFileSet} writes that another does not: how its files start and end,
 * and what it says when a crash left its last file open. The binary log and a replica's relay log
 * are the two kinds.
 *
 * <p>The set calls these methods while holding its own lock: they must not block, and must not
 * call back into the set.
 */
public interface LogFileKind {

    /** How error texts name the log ({@code "binlog"}, {@code "relay log"}). */
    String logName();

    /**
     * The whole FORMAT_DESCRIPTION event (checksum slot included) a new file starts with, written
     * at offset 4 after the magic.
     *
     * @param afterRotation whether the file continues a rotated one (MySQL's binlog then writes the
     *                      FDE's created timestamp as 0)
     */
    byte[] formatDescription(boolean afterRotation);

    /**
     * The event that closes a file when the set moves on to {@code nextFile} (the binlog's ROTATE),
     * encoded to be written at {@code position}; null when this kind's files end without one.
     */
    byte[] rotateEvent(long position, String nextFile);

    /**
     * The event a clean close writes at the end of the last file (the binlog's STOP), encoded to be
     * written at {@code position}; null for none.
     */
    byte[] stopEvent(long position);

    /**
     * Whether a file's FDE carries LOG_EVENT_BINLOG_IN_USE_F while the file is open (cleared in
     * place when it is closed). A last file whose flag is clear needs no recovery; without the flag
     * every last file is checked for a torn tail.
     */
    boolean marksFilesInUse();

    /**
     * Whether an event's {@code log_pos} is its end offset in this file (a binlog) rather than in
     * another server's log (a relay log). Recovery then also cuts at an event whose {@code log_pos}
     * disagrees, and readers check it at a requested start.
     */
    boolean positionsAreOffsets();

    /**
     * Whether a last file that is missing, or lacks a readable magic and FDE, is left behind and a
     * new file started (a relay log fetches what it lost again); otherwise opening fails, since the
     * index lists a file only once its header is durable.
     */
    boolean toleratesLostHeader();

    /**
     * Called once the set has examined a last file a crash left open ({@link
     * LastFileReport#cleanlyClosed()} false) and cut its torn tail, if it had one.
     *
     * @param atOpen true when {@link LogFileSet#open} found it; false when crash recovery asked
     *               first ({@link LogFileSet#recoverLastFile})
     */
    void tailRecovered(LastFileReport report, boolean atOpen);
}
