package io.minisqld.server.sql.statement;

/** The SHOW statements the server answers itself, with MySQL 5.7's columns. */
public sealed interface ShowStatement extends Statement {

    /** The kind of each statement of the family (its Com_ counter). */
    @Override
    default StatementKind kind() {
        if (this instanceof Variables) return StatementKind.SHOW_VARIABLES;
        if (this instanceof Status) return StatementKind.SHOW_STATUS;
        if (this instanceof Databases) return StatementKind.SHOW_DATABASES;
        if (this instanceof Tables) return StatementKind.SHOW_TABLES;
        if (this instanceof TableStatus) return StatementKind.SHOW_TABLE_STATUS;
        if (this instanceof Indexes) return StatementKind.SHOW_KEYS;
        if (this instanceof RoutineStatus r) return r.functions() ? StatementKind.SHOW_FUNCTION_STATUS
                : StatementKind.SHOW_PROCEDURE_STATUS;
        if (this instanceof Columns) return StatementKind.SHOW_FIELDS;
        if (this instanceof CreateDatabase) return StatementKind.SHOW_CREATE_DB;
        if (this instanceof CreateTable) return StatementKind.SHOW_CREATE_TABLE;
        if (this instanceof WarningCount) return StatementKind.SHOW_WARNING_COUNT;
        if (this instanceof Processlist) return StatementKind.SHOW_PROCESSLIST;
        if (this instanceof Engines) return StatementKind.SHOW_ENGINES;
        if (this instanceof Triggers) return StatementKind.SHOW_TRIGGERS;
        if (this instanceof CreateTrigger) return StatementKind.SHOW_CREATE_TRIGGER;
        if (this instanceof Collations) return StatementKind.SHOW_COLLATIONS;
        if (this instanceof Privileges) return StatementKind.SHOW_PRIVILEGES;
        if (this instanceof CharacterSets) return StatementKind.SHOW_CHARSETS;
        if (this instanceof OpenTables) return StatementKind.SHOW_OPEN_TABLES;
        if (this instanceof EngineStatus e) return e.mutex() ? StatementKind.SHOW_ENGINE_MUTEX : StatementKind.SHOW_ENGINE_STATUS;
        throw new IllegalStateException("no kind for " + getClass());
    }

    /**
     * How a SHOW filters its rows: {@code LIKE 'pattern'} or {@code WHERE condition}, or none.
     *
     * @param like  the LIKE pattern, or null
     * @param where the WHERE condition, or null
     */
    record Filter(String like, SqlSpan where) {
        public static final Filter NONE = new Filter(null, null);
    }

    /** SHOW [GLOBAL|SESSION] VARIABLES [filter]. */
    record Variables(boolean global, Filter filter) implements ShowStatement {
    }

    /** SHOW [GLOBAL|SESSION] STATUS [filter]. */
    record Status(boolean global, Filter filter) implements ShowStatement {
    }

    /** SHOW DATABASES|SCHEMAS [LIKE]. */
    record Databases(String like) implements ShowStatement {
    }

    /** SHOW [FULL] TABLES [FROM db] [filter]; database null for the current one. */
    record Tables(boolean full, String database, Filter filter) implements ShowStatement {
    }

    /** SHOW [FULL] COLUMNS|FIELDS FROM t [FROM db] [LIKE]; database null for the current one. */
    /** SHOW INDEX | INDEXES | KEYS FROM | IN t [FROM | IN db] [WHERE cond]. */
    record Indexes(String database, String table, SqlSpan where) implements ShowStatement {
    }

    /** SHOW PROCEDURE | FUNCTION STATUS [LIKE 'p' | WHERE cond]. */
    record RoutineStatus(boolean functions, Filter filter) implements ShowStatement {
    }

    /** SHOW TABLE STATUS [FROM | IN db] [LIKE 'p' | WHERE cond]. */
    record TableStatus(String database, Filter filter) implements ShowStatement {
    }

    /** SHOW TRIGGERS [FROM | IN db] [LIKE 'table pattern' | WHERE cond]. */
    record Triggers(String database, Filter filter) implements ShowStatement {
    }

    /** SHOW CREATE TRIGGER [db.]name. */
    record CreateTrigger(String database, String name) implements ShowStatement {
    }

    record Columns(boolean full, String database, String table, String like) implements ShowStatement {
    }

    /** SHOW CREATE DATABASE [IF NOT EXISTS] db (with it, the statement says IF NOT EXISTS too). */
    record CreateDatabase(String database, boolean ifNotExists) implements ShowStatement {
    }

    /** SHOW CREATE TABLE|VIEW [db.]t ({@code view}: as VIEW); database null for the current one. */
    record CreateTable(String database, String table, boolean view) implements ShowStatement {
    }

    /** SHOW WARNINGS|ERRORS [LIMIT [offset,] n]. */
    record Warnings(boolean errorsOnly, long offset, long limit) implements ShowStatement {
        @Override
        public StatementKind kind() {
            return errorsOnly ? StatementKind.SHOW_ERRORS : StatementKind.SHOW_WARNINGS;
        }

        @Override
        public boolean diagnostics() {
            return true;
        }
    }

    /** SHOW COUNT(*) WARNINGS|ERRORS. */
    record WarningCount(boolean errorsOnly) implements ShowStatement {

        @Override
        public boolean diagnostics() {
            return true;
        }
    }

    /** SHOW [FULL] PROCESSLIST. */
    record Processlist(boolean full) implements ShowStatement {
    }

    /** SHOW OPEN TABLES [FROM db] [LIKE | WHERE]. */
    record OpenTables(String database, Filter filter) implements ShowStatement {
    }

    /** SHOW ENGINE name STATUS | MUTEX; {@code engine} as typed. */
    record EngineStatus(String engine, boolean mutex) implements ShowStatement {
    }

    /** SHOW ENGINES. */
    record Engines() implements ShowStatement {
    }

    /** SHOW PRIVILEGES. */
    record Privileges() implements ShowStatement {
    }

    /** SHOW COLLATION [LIKE 'pattern' | WHERE cond]. */
    record Collations(Filter filter) implements ShowStatement {
    }

    /** SHOW CHARACTER SET | CHARSET [LIKE 'pattern' | WHERE cond]. */
    record CharacterSets(Filter filter) implements ShowStatement {
    }
}
