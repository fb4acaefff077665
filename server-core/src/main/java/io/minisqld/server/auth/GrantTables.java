package io.minisqld.server.auth;

import static io.minisqld.server.engine.SqlLiteral.quote;

import io.minisqld.server.grant.AccountName;
import io.minisqld.server.grant.Privilege;
import java.util.ArrayList;
import java.util.List;

/**
 * The definitions of the grant tables: MySQL 5.7's names and columns for what this server keeps
 * (global privileges as Y/N columns, database grants, table and column grants as comma lists).
 */
final class GrantTables {
    private GrantTables() {
    }

    /** The privileges that {@code mysql.db} has a column for, in column order. */
    static List<Privilege> dbPrivileges() {
        List<Privilege> list = new ArrayList<>();
        for (Privilege p : Privilege.values()) {
            if (p.databaseLevel()) list.add(p);
        }
        return list;
    }

    /** mysql.user's REQUIRE columns (MySQL's ssl_type, ssl_cipher, x509_issuer, x509_subject) and their types. */
    static final String[][] TLS_COLUMNS = {
        {"ssl_type", "VARCHAR(9) NOT NULL DEFAULT ''"},
        {"ssl_cipher", "VARCHAR(4096) NOT NULL DEFAULT ''"},
        {"x509_issuer", "VARCHAR(4096) NOT NULL DEFAULT ''"},
        {"x509_subject", "VARCHAR(4096) NOT NULL DEFAULT ''"},
    };

    /** mysql.user's per-hour limits (MySQL's MAX_QUERIES / UPDATES / CONNECTIONS_PER_HOUR columns). */
    static final String[][] HOURLY_COLUMNS = {
        {"max_questions", "BIGINT NOT NULL DEFAULT 0"},
        {"max_updates", "BIGINT NOT NULL DEFAULT 0"},
        {"max_connections", "BIGINT NOT NULL DEFAULT 0"},
    };

    /** mysql.user's password expiry columns (MySQL 5.7's) and their types. */
    static final String[][] PASSWORD_COLUMNS = {
        {"password_expired", "CHAR(1) NOT NULL DEFAULT 'N'"},
        {"password_last_changed", "TIMESTAMP NULL"},
        {"password_lifetime", "SMALLINT NULL"},
    };

    static String createUser() {
        StringBuilder b = new StringBuilder("CREATE TABLE IF NOT EXISTS mysql.`user` (")
                .append("`Host` CHAR(60) NOT NULL DEFAULT '', `User` CHAR(32) NOT NULL DEFAULT ''");
        for (Privilege p : Privilege.values()) {
            b.append(", `").append(p.column()).append("` CHAR(1) NOT NULL DEFAULT 'N'");
        }
        b.append(", `plugin` CHAR(64) NOT NULL DEFAULT 'mysql_native_password'")
                .append(", `authentication_string` TEXT")
                .append(", `account_locked` CHAR(1) NOT NULL DEFAULT 'N'");
        for (String[] column : TLS_COLUMNS) b.append(", `").append(column[0]).append("` ").append(column[1]);
        b.append(", `max_user_connections` BIGINT NOT NULL DEFAULT 0");
        for (String[] column : HOURLY_COLUMNS) b.append(", `").append(column[0]).append("` ").append(column[1]);
        for (String[] column : PASSWORD_COLUMNS) b.append(", `").append(column[0]).append("` ").append(column[1]);
        b.append(", PRIMARY KEY (`Host`, `User`))");
        return b.toString();
    }

    static String createDb() {
        StringBuilder b = new StringBuilder("CREATE TABLE IF NOT EXISTS mysql.`db` (")
                .append("`Host` CHAR(60) NOT NULL DEFAULT '', `Db` CHAR(64) NOT NULL DEFAULT '', ")
                .append("`User` CHAR(32) NOT NULL DEFAULT ''");
        for (Privilege p : dbPrivileges()) {
            b.append(", `").append(p.column()).append("` CHAR(1) NOT NULL DEFAULT 'N'");
        }
        b.append(", PRIMARY KEY (`Host`, `Db`, `User`))");
        return b.toString();
    }

    static String createTablesPriv() {
        return "CREATE TABLE IF NOT EXISTS mysql.`tables_priv` ("
                + "`Host` CHAR(60) NOT NULL DEFAULT '', `Db` CHAR(64) NOT NULL DEFAULT '', "
                + "`User` CHAR(32) NOT NULL DEFAULT '', `Table_name` CHAR(64) NOT NULL DEFAULT '', "
                + "`Grantor` CHAR(93) NOT NULL DEFAULT '', `Table_priv` VARCHAR(200) NOT NULL DEFAULT '', "
                + "`Column_priv` VARCHAR(100) NOT NULL DEFAULT '', "
                + "PRIMARY KEY (`Host`, `Db`, `User`, `Table_name`))";
    }

    /**
     * MySQL 5.7's {@code mysql.columns_priv}: one row per account, table and column, with the
     * column's privileges (Select, Insert, Update, References) as a comma list.
     */
    static String createColumnsPriv() {
        return "CREATE TABLE IF NOT EXISTS mysql.`columns_priv` ("
                + "`Host` CHAR(60) NOT NULL DEFAULT '', `Db` CHAR(64) NOT NULL DEFAULT '', "
                + "`User` CHAR(32) NOT NULL DEFAULT '', `Table_name` CHAR(64) NOT NULL DEFAULT '', "
                + "`Column_name` CHAR(64) NOT NULL DEFAULT '', "
                + "`Timestamp` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                + "`Column_priv` VARCHAR(100) NOT NULL DEFAULT '', "
                + "PRIMARY KEY (`Host`, `Db`, `User`, `Table_name`, `Column_name`))";
    }

    /**
     * MySQL 5.7's {@code mysql.procs_priv}: one row per account and routine, with its privileges
     * (Execute, Alter Routine, Grant) as a comma list.
     */
    static String createProcsPriv() {
        return "CREATE TABLE IF NOT EXISTS mysql.`procs_priv` ("
                + "`Host` CHAR(60) NOT NULL DEFAULT '', `Db` CHAR(64) NOT NULL DEFAULT '', "
                + "`User` CHAR(32) NOT NULL DEFAULT '', `Routine_name` CHAR(64) NOT NULL DEFAULT '', "
                + "`Routine_type` VARCHAR(9) NOT NULL, `Grantor` CHAR(93) NOT NULL DEFAULT '', "
                + "`Proc_priv` VARCHAR(100) NOT NULL DEFAULT '', "
                + "`Timestamp` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                + "PRIMARY KEY (`Host`, `Db`, `User`, `Routine_name`, `Routine_type`))";
    }

    /** {@code `column`}: the grant tables' names need no escaping. */
    static String q(String identifier) {
        return "`" + identifier + "`";
    }

    /** The privileges' columns, comma-separated. */
    static String columnList(List<Privilege> privileges) {
        StringBuilder b = new StringBuilder();
        for (Privilege p : privileges) {
            if (b.length() > 0) b.append(", ");
            b.append(q(p.column()));
        }
        return b.toString();
    }

    /** The WHERE condition of an account's rows. */
    static String key(AccountName name) {
        return q("Host") + " = " + quote(name.host()) + " AND " + q("User") + " = " + quote(name.user());
    }
}
