package io.minisqld.server.sql.statement;

import java.util.List;

/**
 * One parsed statement: the closed set of what the server executes. The server's own statements
 * are records of the families below; everything the storage engine runs is one
 * {@link EngineStatement} that carries its tokens. The statement layer dispatches on the record's
 * type (a table keyed by class), never on keyword strings.
 */
public sealed interface Statement permits EngineStatement, SetStatement, ShowStatement, TransactionStatement,
        AdminStatement, AccountStatement, PluginStatement, ReplicaStatement, BinlogStatement, PreparedSql,
        RoutineStatement {

    /** What kind of statement this is (MySQL's SQLCOM_…), which names its Com_… counter. */
    StatementKind kind();

    /** The tables the statement names, each with the privilege it needs there. */
    default List<TableRef> tables() {
        return List.of();
    }

    /** True when the statement changes data, schema or accounts (what read_only is about). */
    default boolean writes() {
        return false;
    }

    /**
     * True for the diagnostics statements (SHOW WARNINGS / ERRORS / COUNT(*), SELECT
     * {@code @@warning_count}): they leave the previous statement's warnings in place.
     */
    default boolean diagnostics() {
        return false;
    }
}
