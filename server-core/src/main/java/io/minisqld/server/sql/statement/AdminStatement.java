package io.minisqld.server.sql.statement;

import java.util.List;

/** The server's own session and administration statements: USE, KILL, FLUSH, SHUTDOWN, databases. */
public sealed interface AdminStatement extends Statement {

    /** The kind of each statement of the family (its Com_ counter). */
    @Override
    default StatementKind kind() {
        if (this instanceof Use) return StatementKind.CHANGE_DB;
        if (this instanceof Kill) return StatementKind.KILL;
        if (this instanceof Flush || this instanceof FlushTablesWithReadLock) return StatementKind.FLUSH;
        if (this instanceof LockTables) return StatementKind.LOCK_TABLES;
        if (this instanceof UnlockTables) return StatementKind.UNLOCK_TABLES;
        if (this instanceof Shutdown) return StatementKind.SHUTDOWN;
        if (this instanceof BinlogEvents) return StatementKind.BINLOG_BASE64_EVENT;
        if (this instanceof CreateDatabase) return StatementKind.CREATE_DB;
        if (this instanceof DropDatabase) return StatementKind.DROP_DB;
        if (this instanceof TableMaintenance m) return m.operation().kind;
        if (this instanceof LoadData) return StatementKind.LOAD;
        if (this instanceof GetDiagnostics) return StatementKind.GET_DIAGNOSTICS;
        throw new IllegalStateException("no kind for " + getClass());
    }

    record Use(String database) implements AdminStatement {
    }

    /**
     * GET [CURRENT] DIAGNOSTICS @v = NUMBER | ROW_COUNT, … or GET [CURRENT] DIAGNOSTICS CONDITION n
     * @v = MESSAGE_TEXT | …, … outside a stored program: the previous statement's diagnostics
     * (MySQL 5.7 manual 13.6.7.3); {@code condition} null for statement information; each target
     * a user variable's name with its item.
     */
    record GetDiagnostics(Long condition, List<String[]> targets) implements AdminStatement {
        @Override
        public boolean diagnostics() {
            return true;
        }
    }

    /** KILL [CONNECTION | QUERY] id. */
    record Kill(long id, boolean connection) implements AdminStatement {
    }

    /** What FLUSH names. */
    enum FlushItem { STATUS, PRIVILEGES, TABLES, HOSTS, LOGS, BINARY_LOGS, OTHER_LOGS, QUERY_CACHE, USER_RESOURCES,
        OPTIMIZER_COSTS }

    /** FLUSH [NO_WRITE_TO_BINLOG | LOCAL] item, …. */
    record Flush(boolean local, List<FlushItem> items) implements AdminStatement {
        public Flush {
            items = List.copyOf(items);
        }
    }

    record Shutdown() implements AdminStatement {
    }

    /** BINLOG 'base64': events as mysqlbinlog prints them (a format description, table maps, row events). */
    record BinlogEvents(String base64) implements AdminStatement {
    }

    /**
     * FLUSH TABLES [t, …] WITH READ LOCK: the global read lock, or with tables, READ locks on them.
     *
     * @param tables the tables named, empty for the global lock
     */
    record FlushTablesWithReadLock(List<TableRef> tables) implements AdminStatement {
        public FlushTablesWithReadLock {
            tables = List.copyOf(tables);
        }
    }

    /** One table of LOCK TABLES and its lock: READ [LOCAL] or [LOW_PRIORITY] WRITE. */
    record TableLock(String database, String table, boolean write) {
    }

    /** LOCK TABLE[S] t [[AS] alias] READ [LOCAL] | [LOW_PRIORITY] WRITE, …. */
    record LockTables(List<TableLock> locks) implements AdminStatement {
        public LockTables {
            locks = List.copyOf(locks);
        }
    }

    /** UNLOCK TABLE[S]. */
    record UnlockTables() implements AdminStatement {
    }

    /** CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [options]. */
    /** @param collation the default collation its options name (a set's default one for a set), null for none */
    record CreateDatabase(String name, boolean ifNotExists, io.minisqld.server.charset.Collation collation)
            implements AdminStatement {

        @Override
        public boolean writes() {
            return true;
        }
    }

    /** DROP DATABASE|SCHEMA [IF EXISTS] name. */
    record DropDatabase(String name, boolean ifExists) implements AdminStatement {

        @Override
        public boolean writes() {
            return true;
        }
    }

    /** The table maintenance statements, each with its Com_ counter. */
    enum Maintenance {
        CHECK(StatementKind.CHECK), ANALYZE(StatementKind.ANALYZE), OPTIMIZE(StatementKind.OPTIMIZE),
        REPAIR(StatementKind.REPAIR), CHECKSUM(StatementKind.CHECKSUM);

        private final StatementKind kind;

        Maintenance(StatementKind kind) {
            this.kind = kind;
        }
    }

    /**
     * CHECK | ANALYZE | OPTIMIZE | REPAIR | CHECKSUM TABLE t, … [options]: one result row (or two)
     * per table, in MySQL's columns.
     *
     * @param local NO_WRITE_TO_BINLOG or LOCAL: ANALYZE, OPTIMIZE and REPAIR are not binlogged then
     */
    record TableMaintenance(Maintenance operation, boolean local, List<TableRef> tables) implements AdminStatement {
        public TableMaintenance {
            tables = List.copyOf(tables);
        }
    }

    /**
     * LOAD DATA [LOCAL] INFILE 'file' [REPLACE | IGNORE] INTO TABLE t [CHARACTER SET cs]
     * [{FIELDS | COLUMNS} [TERMINATED BY s] [[OPTIONALLY] ENCLOSED BY c] [ESCAPED BY c]]
     * [LINES [STARTING BY s] [TERMINATED BY s]] [IGNORE n {LINES | ROWS}] [(col, …)].
     *
     * @param duplicates "REPLACE", "IGNORE" or "" (an error)
     * @param columns    the columns the fields go to, in order; empty for all of the table's
     */
    record LoadData(boolean local, String file, String duplicates, String database, String table, String charset,
                    String fieldsTerminated, String enclosed, boolean optionallyEnclosed, String escaped,
                    String linesStarting, String linesTerminated, long ignoreLines, List<String> columns)
            implements AdminStatement {

        @Override
        public List<TableRef> tables() {
            return List.of(new TableRef(database, table, io.minisqld.server.grant.Privilege.INSERT));
        }

        @Override
        public boolean writes() {
            return true;
        }
    }
}
