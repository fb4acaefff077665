package io.minisqld.server.grant;

import java.util.EnumSet;
import java.util.Set;

/**
 * MySQL 5.7's static privileges, in the order of its privilege bits: the order SHOW GRANTS lists
 * them in and the order of the {@code *_priv} columns of {@code mysql.user}.
 */
public enum Privilege {
    SELECT("SELECT", "Select_priv", "Select", true),
    INSERT("INSERT", "Insert_priv", "Insert", true),
    UPDATE("UPDATE", "Update_priv", "Update", true),
    DELETE("DELETE", "Delete_priv", "Delete", true),
    CREATE("CREATE", "Create_priv", "Create", true),
    DROP("DROP", "Drop_priv", "Drop", true),
    RELOAD("RELOAD", "Reload_priv", null, false),
    SHUTDOWN("SHUTDOWN", "Shutdown_priv", null, false),
    PROCESS("PROCESS", "Process_priv", null, false),
    FILE("FILE", "File_priv", null, false),
    GRANT_OPTION("GRANT OPTION", "Grant_priv", "Grant", true),
    REFERENCES("REFERENCES", "References_priv", "References", true),
    INDEX("INDEX", "Index_priv", "Index", true),
    ALTER("ALTER", "Alter_priv", "Alter", true),
    SHOW_DATABASES("SHOW DATABASES", "Show_db_priv", null, false),
    SUPER("SUPER", "Super_priv", null, false),
    CREATE_TEMPORARY_TABLES("CREATE TEMPORARY TABLES", "Create_tmp_table_priv", null, true),
    LOCK_TABLES("LOCK TABLES", "Lock_tables_priv", null, true),
    EXECUTE("EXECUTE", "Execute_priv", null, true),
    REPLICATION_SLAVE("REPLICATION SLAVE", "Repl_slave_priv", null, false),
    REPLICATION_CLIENT("REPLICATION CLIENT", "Repl_client_priv", null, false),
    CREATE_VIEW("CREATE VIEW", "Create_view_priv", "Create View", true),
    SHOW_VIEW("SHOW VIEW", "Show_view_priv", "Show view", true),
    CREATE_ROUTINE("CREATE ROUTINE", "Create_routine_priv", null, true),
    ALTER_ROUTINE("ALTER ROUTINE", "Alter_routine_priv", null, true),
    CREATE_USER("CREATE USER", "Create_user_priv", null, false),
    EVENT("EVENT", "Event_priv", null, true),
    TRIGGER("TRIGGER", "Trigger_priv", "Trigger", true),
    CREATE_TABLESPACE("CREATE TABLESPACE", "Create_tablespace_priv", null, false);

    private final String grantName;
    private final String column;
    private final String tablePrivName;
    private final boolean databaseLevel;

    Privilege(String grantName, String column, String tablePrivName, boolean databaseLevel) {
        this.grantName = grantName;
        this.column = column;
        this.tablePrivName = tablePrivName;
        this.databaseLevel = databaseLevel;
    }

    /** The name as GRANT accepts it and SHOW GRANTS prints it, e.g. {@code REPLICATION SLAVE}. */
    public String grantName() {
        return grantName;
    }

    /** The column of {@code mysql.user} (and of {@code mysql.db} for database-level ones). */
    public String column() {
        return column;
    }

    /**
     * The name MySQL prints in ER_TABLEACCESS_DENIED_ERROR's command part: the GRANT spelling,
     * except GRANT OPTION, which it calls GRANT.
     */
    public String commandName() {
        return this == GRANT_OPTION ? "GRANT" : grantName;
    }

    /** The member name of {@code mysql.tables_priv.Table_priv}, or null if not a table privilege. */
    public String tablePrivName() {
        return tablePrivName;
    }

    /** True if the privilege can be granted on {@code db.*} (MySQL's DB_ACLS). */
    public boolean databaseLevel() {
        return databaseLevel;
    }

    /**
     * The member name of {@code mysql.procs_priv.Proc_priv} (MySQL's PROC_ACLS: EXECUTE, ALTER
     * ROUTINE, GRANT OPTION), or null if not a routine privilege.
     */
    public String procPrivName() {
        return switch (this) {
            case EXECUTE -> "Execute";
            case ALTER_ROUTINE -> "Alter Routine";
            case GRANT_OPTION -> "Grant";
            default -> null;
        };
    }

    /** True if the privilege can be granted on {@code PROCEDURE | FUNCTION db.name}. */
    public boolean routineLevel() {
        return procPrivName() != null;
    }

    /** True if the privilege can be granted on {@code db.tbl} (MySQL's TABLE_ACLS). */
    public boolean tableLevel() {
        return tablePrivName != null;
    }

    /** What {@code ALL [PRIVILEGES]} means at a level: every privilege of it except GRANT OPTION. */
    public static Set<Privilege> all(GrantLevel.Kind kind) {
        EnumSet<Privilege> set = EnumSet.noneOf(Privilege.class);
        for (Privilege p : values()) {
            if (p == GRANT_OPTION) continue;
            if (p.allowedAt(kind)) {
                set.add(p);
            }
        }
        return set;
    }

    /** True if the privilege may be granted at this level. */
    public boolean allowedAt(GrantLevel.Kind kind) {
        return switch (kind) {
            case GLOBAL -> true;
            case DATABASE -> databaseLevel;
            case TABLE -> tableLevel();
            case ROUTINE -> routineLevel();
        };
    }

    /** The privilege whose Table_priv member name is {@code name} (case-insensitive), or null. */
    public static Privilege fromTablePrivName(String name) {
        for (Privilege p : values()) {
            if (p.tablePrivName != null && p.tablePrivName.equalsIgnoreCase(name.trim())) return p;
        }
        return null;
    }
}
