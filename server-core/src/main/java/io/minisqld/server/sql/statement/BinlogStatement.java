package io.minisqld.server.sql.statement;

/** The binary log's statements: SHOW MASTER STATUS / BINARY LOGS / BINLOG EVENTS / SLAVE HOSTS, RESET MASTER, PURGE. */
public sealed interface BinlogStatement extends Statement {

    /** The kind of each statement of the family (its Com_ counter). */
    @Override
    default StatementKind kind() {
        if (this instanceof ShowMasterStatus) return StatementKind.SHOW_MASTER_STATUS;
        if (this instanceof ShowBinaryLogs) return StatementKind.SHOW_BINLOGS;
        if (this instanceof ShowBinlogEvents) return StatementKind.SHOW_BINLOG_EVENTS;
        if (this instanceof ShowSlaveHosts) return StatementKind.SHOW_SLAVE_HOSTS;
        if (this instanceof ResetMaster) return StatementKind.RESET_MASTER;
        if (this instanceof PurgeTo) return StatementKind.PURGE;
        if (this instanceof PurgeBefore) return StatementKind.PURGE;
        throw new IllegalStateException("no kind for " + getClass());
    }

    /** SHOW MASTER STATUS / SHOW BINARY LOG STATUS. */
    record ShowMasterStatus() implements BinlogStatement {
    }

    /** SHOW BINARY LOGS / SHOW MASTER LOGS. */
    record ShowBinaryLogs() implements BinlogStatement {
    }

    /** SHOW BINLOG EVENTS [IN 'file'] [FROM pos] [LIMIT [offset,] n]; file null for the first. */
    record ShowBinlogEvents(String file, long from, long offset, long limit) implements BinlogStatement {
    }

    /** SHOW SLAVE HOSTS / SHOW REPLICA HOSTS. */
    record ShowSlaveHosts() implements BinlogStatement {
    }

    record ResetMaster() implements BinlogStatement {
    }

    /** PURGE {BINARY | MASTER} LOGS TO 'file'. */
    record PurgeTo(String file) implements BinlogStatement {
    }

    /** PURGE {BINARY | MASTER} LOGS BEFORE 'datetime'; the time as typed (checked when it runs, as MySQL does). */
    record PurgeBefore(String before) implements BinlogStatement {
    }
}
