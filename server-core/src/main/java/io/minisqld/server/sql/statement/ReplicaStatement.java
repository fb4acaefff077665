package io.minisqld.server.sql.statement;

/**
 * The replica statements: MySQL 5.7's spellings and the 8.0.22+ ones ({@code CHANGE REPLICATION
 * SOURCE TO}, {@code START|STOP|RESET REPLICA}, {@code SHOW REPLICA STATUS}).
 */
public sealed interface ReplicaStatement extends Statement {

    /** The kind of each statement of the family (its Com_ counter). */
    @Override
    default StatementKind kind() {
        if (this instanceof ChangeMaster) return StatementKind.CHANGE_MASTER;
        if (this instanceof Start) return StatementKind.SLAVE_START;
        if (this instanceof Stop) return StatementKind.SLAVE_STOP;
        if (this instanceof Reset) return StatementKind.RESET_SLAVE;
        if (this instanceof ShowStatus) return StatementKind.SHOW_SLAVE_STATUS;
        throw new IllegalStateException("no kind for " + getClass());
    }

    /** Which threads START/STOP SLAVE names; both when none is named. */
    record Threads(boolean io, boolean sql) {
        public static final Threads BOTH = new Threads(true, true);
    }

    /**
     * CHANGE MASTER TO: each option null when not given.
     *
     * @param heartbeatPeriod seconds, as typed (validated by the service)
     */
    /**
     * @param ssl              MASTER_SSL (null: not named)
     * @param sslCa            MASTER_SSL_CA
     * @param sslVerify        MASTER_SSL_VERIFY_SERVER_CERT
     * @param sslCert          MASTER_SSL_CERT
     * @param sslKey           MASTER_SSL_KEY
     * @param sslCipher        MASTER_SSL_CIPHER
     * @param tlsVersion       MASTER_TLS_VERSION
     * @param autoPosition     MASTER_AUTO_POSITION
     */
    record ChangeMaster(String host, Integer port, String user, String password, Integer connectRetry,
                        Double heartbeatPeriod, Long retryCount, String logFile, Long logPos, String relayLogFile,
                        Long relayLogPos, Boolean ssl, String sslCa, Boolean sslVerify, String sslCert, String sslKey,
                        String sslCipher, String tlsVersion, Boolean autoPosition) implements ReplicaStatement {

        public ChangeMaster(String host, Integer port, String user, String password, Integer connectRetry,
                            Double heartbeatPeriod, Long retryCount, String logFile, Long logPos, String relayLogFile,
                            Long relayLogPos) {
            this(host, port, user, password, connectRetry, heartbeatPeriod, retryCount, logFile, logPos, relayLogFile,
                    relayLogPos, null, null, null, null, null, null, null, null);
        }

        /** Options of the receiver (IO) thread: the IO thread must be stopped to change them. */
        public boolean receiverOptions() {
            return host != null || port != null || user != null || password != null || connectRetry != null
                    || heartbeatPeriod != null || retryCount != null || logFile != null || logPos != null
                    || ssl != null || sslCa != null || sslVerify != null || sslCert != null || sslKey != null
                    || sslCipher != null || tlsVersion != null || autoPosition != null;
        }

        /** Options of the applier (SQL) thread. */
        public boolean applierOptions() {
            return relayLogFile != null || relayLogPos != null || logFile != null || logPos != null;
        }
    }

    record Start(Threads threads) implements ReplicaStatement {
    }

    record Stop(Threads threads) implements ReplicaStatement {
    }

    record Reset(boolean all) implements ReplicaStatement {
    }

    record ShowStatus() implements ReplicaStatement {
    }
}
