package io.minisqld.server.grant;

/**
 * What a GRANT or REVOKE applies to: {@code *.*}, {@code db.*} or {@code db.tbl}.
 *
 * @param db    the database (a pattern with {@code %}/{@code _} at DATABASE level), null for GLOBAL
 * @param table the table for TABLE level, otherwise null
 */
public record GrantLevel(Kind kind, String db, String table) {
    /** The three levels this server keeps (column and routine privileges are not kept). */
    public enum Kind { GLOBAL, DATABASE, TABLE }

    public static final GrantLevel GLOBAL = new GrantLevel(Kind.GLOBAL, null, null);

    public static GrantLevel database(String db) {
        return new GrantLevel(Kind.DATABASE, db, null);
    }

    public static GrantLevel table(String db, String table) {
        return new GrantLevel(Kind.TABLE, db, table);
    }

    /** As SHOW GRANTS prints it: {@code *.*}, {@code `db`.*} or {@code `db`.`tbl`}. */
    public String display() {
        return switch (kind) {
            case GLOBAL -> "*.*";
            case DATABASE -> AccountName.backquote(db) + ".*";
            case TABLE -> AccountName.backquote(db) + "." + AccountName.backquote(table);
        };
    }
}
