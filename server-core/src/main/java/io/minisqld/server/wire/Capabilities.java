package io.minisqld.server.wire;

/** CLIENT_* capability flags (spec §1.3) and the set this server advertises. */
public final class Capabilities {
    public static final int CLIENT_LONG_PASSWORD = 0x00000001;
    public static final int CLIENT_FOUND_ROWS = 0x00000002;
    public static final int CLIENT_LONG_FLAG = 0x00000004;
    public static final int CLIENT_CONNECT_WITH_DB = 0x00000008;
    public static final int CLIENT_COMPRESS = 0x00000020;
    public static final int CLIENT_LOCAL_FILES = 0x00000080;
    public static final int CLIENT_IGNORE_SPACE = 0x00000100;
    public static final int CLIENT_PROTOCOL_41 = 0x00000200;
    public static final int CLIENT_INTERACTIVE = 0x00000400;
    public static final int CLIENT_SSL = 0x00000800;
    public static final int CLIENT_TRANSACTIONS = 0x00002000;
    public static final int CLIENT_SECURE_CONNECTION = 0x00008000;
    public static final int CLIENT_MULTI_STATEMENTS = 0x00010000;
    public static final int CLIENT_MULTI_RESULTS = 0x00020000;
    public static final int CLIENT_PS_MULTI_RESULTS = 0x00040000;
    public static final int CLIENT_PLUGIN_AUTH = 0x00080000;
    public static final int CLIENT_CONNECT_ATTRS = 0x00100000;
    public static final int CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA = 0x00200000;
    /** The client can work with an expired password's session (sandbox mode). */
    public static final int CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS = 0x00400000;
    public static final int CLIENT_SESSION_TRACK = 0x00800000;
    public static final int CLIENT_DEPRECATE_EOF = 0x01000000;

    /**
     * What the greeting offers: protocol 4.1 with plugin auth, multi-statements and multi-results,
     * LOCAL INFILE (LOAD DATA LOCAL), expired passwords' sandbox mode;
     * no SSL, compression, DEPRECATE_EOF, session tracking or query attributes (spec §1.3). Bit 0
     * is set so that MariaDB clients treat us as a plain MySQL server.
     */
    public static final int SERVER_CAPABILITIES = 0x007FA78F;

    private Capabilities() {
    }
}
