package io.minisqld.server.grant;

/**
 * What a GRANT or REVOKE applies to: {@code *.*}, {@code db.*}, {@code db.tbl} or
 * {@code PROCEDURE | FUNCTION db.name} (column privileges name their table's level).
 *
 * @param db          the database (a pattern with {@code %}/{@code _} at DATABASE level), null for GLOBAL
 * @param table       the table for TABLE level, the routine's name for ROUTINE, otherwise null
 * @param routineType PROCEDURE or FUNCTION at ROUTINE level, otherwise null
 */
public record GrantLevel(Kind kind, String db, String table, String routineType) {
    /** The levels of MySQL's grant tables: mysql.user, db, tables_priv, procs_priv. */
    public enum Kind { GLOBAL, DATABASE, TABLE, ROUTINE }

    public GrantLevel(Kind kind, String db, String table) {
        this(kind, db, table, null);
    }

    public static final GrantLevel GLOBAL = new GrantLevel(Kind.GLOBAL, null, null);

    public static GrantLevel database(String db) {
        return new GrantLevel(Kind.DATABASE, db, null);
    }

    public static GrantLevel table(String db, String table) {
        return new GrantLevel(Kind.TABLE, db, table);
    }

    /** {@code PROCEDURE db.name} or {@code FUNCTION db.name}. */
    public static GrantLevel routine(String db, String name, boolean function) {
        return new GrantLevel(Kind.ROUTINE, db, name, function ? "FUNCTION" : "PROCEDURE");
    }

    /** True for a FUNCTION's level. */
    public boolean function() {
        return "FUNCTION".equals(routineType);
    }

    /** As SHOW GRANTS prints it: {@code *.*}, {@code `db`.*}, {@code `db`.`tbl`} or {@code PROCEDURE `db`.`p`}. */
    public String display() {
        return switch (kind) {
            case GLOBAL -> "*.*";
            case DATABASE -> AccountName.backquote(db) + ".*";
            case TABLE -> AccountName.backquote(db) + "." + AccountName.backquote(table);
            case ROUTINE -> routineType + " " + AccountName.backquote(db) + "." + AccountName.backquote(table);
        };
    }
}
