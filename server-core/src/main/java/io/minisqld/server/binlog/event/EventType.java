package io.minisqld.server.binlog.event;

/**
 * Binlog event type codes (protocol.md §3.2) with the names MySQL 5.7's SHOW BINLOG EVENTS prints
 * in its {@code Event_type} column. Headers keep the raw code as an {@code int}, because a
 * stream may carry types this table does not list.
 */
public enum EventType {
    START_V3(1, "Start_v3"),
    QUERY(2, "Query"),
    STOP(3, "Stop"),
    ROTATE(4, "Rotate"),
    INTVAR(5, "Intvar"),
    RAND(13, "RAND"),
    USER_VAR(14, "User var"),
    FORMAT_DESCRIPTION(15, "Format_desc"),
    XID(16, "Xid"),
    TABLE_MAP(19, "Table_map"),
    /** Version 1 row events (MySQL 5.1–5.5's, and MariaDB's to this day). */
    WRITE_ROWS_V1(23, "Write_rows_v1"),
    UPDATE_ROWS_V1(24, "Update_rows_v1"),
    DELETE_ROWS_V1(25, "Delete_rows_v1"),
    INCIDENT(26, "Incident"),
    HEARTBEAT(27, "Heartbeat"),
    IGNORABLE(28, "Ignorable"),
    ROWS_QUERY(29, "Rows_query"),
    WRITE_ROWS(30, "Write_rows"),
    UPDATE_ROWS(31, "Update_rows"),
    DELETE_ROWS(32, "Delete_rows"),
    GTID(33, "Gtid"),
    ANONYMOUS_GTID(34, "Anonymous_Gtid"),
    PREVIOUS_GTIDS(35, "Previous_gtids"),
    /** MariaDB. */
    ANNOTATE_ROWS(160, "Annotate_rows"),
    /** MariaDB. */
    BINLOG_CHECKPOINT(161, "Binlog_checkpoint"),
    /** MariaDB's GTID event (not MySQL's type 33). */
    MARIADB_GTID(162, "Gtid"),
    /** MariaDB. */
    GTID_LIST(163, "Gtid_list");

    private final int code;
    private final String showName;

    EventType(int code, String showName) {
        this.code = code;
        this.showName = showName;
    }

    /** The type byte in the event header. */
    public int code() {
        return code;
    }

    /** The {@code Event_type} column of SHOW BINLOG EVENTS. */
    public String showName() {
        return showName;
    }

    /** The type for a header code, or {@code null} when this table does not list it. */
    public static EventType of(int code) {
        for (EventType t : values()) {
            if (t.code == code) return t;
        }
        return null;
    }

    /** The SHOW BINLOG EVENTS name of any code ({@code Unknown} for codes not listed, as MySQL). */
    public static String showName(int code) {
        EventType t = of(code);
        return t == null ? "Unknown" : t.showName;
    }
}
