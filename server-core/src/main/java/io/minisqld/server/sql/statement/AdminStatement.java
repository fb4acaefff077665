package io.minisqld.server.sql.statement;

import java.util.List;

/** The server's own session and administration statements: USE, KILL, FLUSH, SHUTDOWN, databases. */
public sealed interface AdminStatement extends Statement {

    record Use(String database) implements AdminStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.CHANGE_DB;
        }
    }

    /** KILL [CONNECTION | QUERY] id. */
    record Kill(long id, boolean connection) implements AdminStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.KILL;
        }
    }

    /** What FLUSH names. */
    enum FlushItem { STATUS, PRIVILEGES, TABLES, HOSTS, LOGS, BINARY_LOGS, OTHER_LOGS, QUERY_CACHE, USER_RESOURCES,
        OPTIMIZER_COSTS }

    /** FLUSH [NO_WRITE_TO_BINLOG | LOCAL] item, …. */
    record Flush(boolean local, List<FlushItem> items) implements AdminStatement {
        public Flush {
            items = List.copyOf(items);
        }

        @Override
        public StatementKind kind() {
            return StatementKind.FLUSH;
        }
    }

    record Shutdown() implements AdminStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHUTDOWN;
        }
    }

    /** CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [options]. */
    record CreateDatabase(String name, boolean ifNotExists) implements AdminStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.CREATE_DB;
        }

        @Override
        public boolean writes() {
            return true;
        }
    }

    /** DROP DATABASE|SCHEMA [IF EXISTS] name. */
    record DropDatabase(String name, boolean ifExists) implements AdminStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.DROP_DB;
        }

        @Override
        public boolean writes() {
            return true;
        }
    }
}
