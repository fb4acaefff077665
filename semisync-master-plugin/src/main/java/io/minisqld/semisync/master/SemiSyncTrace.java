package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;

/**
 * {@code rpl_semi_sync_master_trace_level}, as MySQL 5.7's semisync {@code Trace} reads it: a bit
 * mask whose bits add [Note] lines to the error log (spec semisync.md §5.1, "trace" rows):
 * <ul>
 *   <li>{@value #GENERAL} (general): a commit whose wait time could not be assessed;</li>
 *   <li>{@value #DETAIL} (detail): the steps of the algorithm, each naming MySQL's function
 *       ({@code ReplSemiSyncMaster::commitTrx: wait pos (mysql-bin.000003, 621), repl(1)}, …);</li>
 *   <li>{@value #NET_WAIT} (net wait, the default): nothing. MySQL 5.5 timed the dump thread's
 *       wait for each reply under this bit; since 5.7 replies are read by the ack receiver, the
 *       bit is only tested by code that no longer exists, and 5.7 prints nothing for it either;</li>
 *   <li>{@value #FUNCTION} (function): {@code ---> <function> enter} and
 *       {@code <--- <function> exit (<code>)} around the algorithm's functions.</li>
 * </ul>
 * Function names are MySQL's, so that a trace reads as MySQL's does. The level is read at each
 * line, so {@code SET GLOBAL} takes effect at once.
 *
 * <p>Thread-safe: the level is volatile; lines go to the error log as they are made.
 */
public final class SemiSyncTrace {
    /** MySQL's kTraceGeneral. */
    public static final long GENERAL = 0x0001;
    /** MySQL's kTraceDetail. */
    public static final long DETAIL = 0x0010;
    /** MySQL's kTraceNetWait. */
    public static final long NET_WAIT = 0x0020;
    /** MySQL's kTraceFunction. */
    public static final long FUNCTION = 0x0040;

    private final MasterLog log;
    private volatile long level;

    public SemiSyncTrace(MasterLog log, long level) {
        this.log = log;
        this.level = level;
    }

    public long level() {
        return level;
    }

    public void setLevel(long newLevel) {
        level = newLevel;
    }

    /** Whether detail lines are written (to skip building them otherwise). */
    public boolean detail() {
        return (level & DETAIL) != 0;
    }

    /** MySQL's function_enter. */
    public void enter(String function) {
        if ((level & FUNCTION) != 0) log.note("---> " + function + " enter");
    }

    /** MySQL's function_exit: returns {@code code}. */
    public int exit(String function, int code) {
        if ((level & FUNCTION) != 0) log.note("<--- " + function + " exit (" + code + ")");
        return code;
    }

    /** A detail line: {@code <function>: <text>}. */
    public void detail(String function, String text) {
        if (detail()) log.note(function + ": " + text);
    }

    /** A detail line without a function name (the ack container's). */
    public void detail(String text) {
        if (detail()) log.note(text);
    }

    /** A general line. */
    public void general(String text) {
        if ((level & GENERAL) != 0) log.note(text);
    }

    /** A position as MySQL's traces print it: {@code (mysql-bin.000003, 621)}. */
    static String at(LogPosition p) {
        return "(" + p.file() + ", " + p.offset() + ")";
    }
}
