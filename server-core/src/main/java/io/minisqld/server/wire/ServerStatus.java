package io.minisqld.server.wire;

/** SERVER_STATUS_* flags carried by the greeting, OK and EOF packets (spec §1.3). */
public final class ServerStatus {
    public static final int IN_TRANS = 0x0001;
    public static final int AUTOCOMMIT = 0x0002;
    public static final int MORE_RESULTS_EXISTS = 0x0008;
    public static final int NO_GOOD_INDEX_USED = 0x0010;
    public static final int NO_INDEX_USED = 0x0020;
    public static final int DB_DROPPED = 0x0100;
    public static final int NO_BACKSLASH_ESCAPES = 0x0200;
    /** The result set holds a prepared CALL's OUT and INOUT parameters. */
    public static final int PS_OUT_PARAMS = 0x1000;
    public static final int IN_TRANS_READONLY = 0x2000;

    private ServerStatus() {
    }
}
