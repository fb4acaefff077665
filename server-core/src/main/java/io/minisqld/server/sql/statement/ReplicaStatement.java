package io.minisqld.server.sql.statement;

/**
 * The replica statements: MySQL 5.7's spellings and the 8.0.22+ ones ({@code CHANGE REPLICATION
 * SOURCE TO}, {@code START|STOP|RESET REPLICA}, {@code SHOW REPLICA STATUS}).
 */
public sealed interface ReplicaStatement extends Statement {

    /** Which threads START/STOP SLAVE names; both when none is named. */
    record Threads(boolean io, boolean sql) {
        public static final Threads BOTH = new Threads(true, true);
    }

    /**
     * CHANGE MASTER TO: each option null when not given.
     *
     * @param heartbeatPeriod seconds, as typed (validated by the service)
     */
    record ChangeMaster(String host, Integer port, String user, String password, Integer connectRetry,
                        Double heartbeatPeriod, Long retryCount, String logFile, Long logPos, String relayLogFile,
                        Long relayLogPos) implements ReplicaStatement {

        /** Options of the receiver (IO) thread: the IO thread must be stopped to change them. */
        public boolean receiverOptions() {
            return host != null || port != null || user != null || password != null || connectRetry != null
                    || heartbeatPeriod != null || retryCount != null || logFile != null || logPos != null;
        }

        /** Options of the applier (SQL) thread. */
        public boolean applierOptions() {
            return relayLogFile != null || relayLogPos != null || logFile != null || logPos != null;
        }

        @Override
        public StatementKind kind() {
            return StatementKind.CHANGE_MASTER;
        }
    }

    record Start(Threads threads) implements ReplicaStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SLAVE_START;
        }
    }

    record Stop(Threads threads) implements ReplicaStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SLAVE_STOP;
        }
    }

    record Reset(boolean all) implements ReplicaStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.RESET_SLAVE;
        }
    }

    record ShowStatus() implements ReplicaStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHOW_SLAVE_STATUS;
        }
    }
}
