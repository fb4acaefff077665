package io.minisqld.server.binlog.event;

/** Header flag bits (protocol.md §3.2). */
public final class EventFlags {
    private EventFlags() {
    }

    /** FDE only: the file is open (not closed cleanly). Cleared in place at rotate/close. */
    public static final int BINLOG_IN_USE = 0x0001;
    /** The event uses temporary tables / the pseudo thread id. */
    public static final int THREAD_SPECIFIC = 0x0004;
    /** Apply without USE of the event's database (CREATE/DROP DATABASE). */
    public static final int SUPPRESS_USE = 0x0008;
    /** Generated on the fly (fake rotate); must not move replica positions. */
    public static final int ARTIFICIAL = 0x0020;
    /** Written by a replica into its relay log. */
    public static final int RELAY_LOG = 0x0040;
    /** An unknown event type with this flag may be skipped. */
    public static final int IGNORABLE = 0x0080;
}
