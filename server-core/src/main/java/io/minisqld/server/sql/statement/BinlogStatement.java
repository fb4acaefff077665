package io.minisqld.server.sql.statement;

/** The binary log's statements: SHOW MASTER STATUS / BINARY LOGS / BINLOG EVENTS / SLAVE HOSTS, RESET MASTER, PURGE. */
public sealed interface BinlogStatement extends Statement {

    /** SHOW MASTER STATUS / SHOW BINARY LOG STATUS. */
    record ShowMasterStatus() implements BinlogStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHOW_MASTER_STATUS;
        }
    }

    /** SHOW BINARY LOGS / SHOW MASTER LOGS. */
    record ShowBinaryLogs() implements BinlogStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHOW_BINLOGS;
        }
    }

    /** SHOW BINLOG EVENTS [IN 'file'] [FROM pos] [LIMIT [offset,] n]; file null for the first. */
    record ShowBinlogEvents(String file, long from, long offset, long limit) implements BinlogStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHOW_BINLOG_EVENTS;
        }
    }

    /** SHOW SLAVE HOSTS / SHOW REPLICA HOSTS. */
    record ShowSlaveHosts() implements BinlogStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHOW_SLAVE_HOSTS;
        }
    }

    record ResetMaster() implements BinlogStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.RESET_MASTER;
        }
    }

    /** PURGE {BINARY | MASTER} LOGS TO 'file'. */
    record PurgeTo(String file) implements BinlogStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.PURGE;
        }
    }

    /** PURGE {BINARY | MASTER} LOGS BEFORE 'datetime'; the time as typed (checked when it runs, as MySQL does). */
    record PurgeBefore(String before) implements BinlogStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.PURGE;
        }
    }
}
