package io.minisqld.server;

import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.connection.ConnectionCounters;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.statements.StatementExecutor;
import io.minisqld.server.variables.StatusRegistry;
import java.util.function.Supplier;

/** The server's own status variables (SHOW GLOBAL STATUS); plugins add theirs when they load. */
final class ServerStatus {
    private ServerStatus() {
    }

    /**
     * Declares the statement counters, connection and thread counts, uptime and the binlog's group
     * commit counters ({@code binlog} gives null while log_bin is off).
     */
    static void declare(StatusRegistry status, SessionManager sessions, ConnectionCounters connections,
            Supplier<BinlogService> binlog, long startedAtMillis) {
        for (String c : StatementExecutor.COUNTERS) status.declareCounter(c);
        status.declareCounter("Bytes_received");
        status.declareCounter("Bytes_sent");
        status.register(StatusVariable.of("Uptime", () -> (System.currentTimeMillis() - startedAtMillis) / 1000));
        status.register(StatusVariable.resettable("Uptime_since_flush_status", () -> 0L, () -> { }));
        status.register(StatusVariable.of("Threads_connected", () -> (long) sessions.count()));
        status.register(StatusVariable.of("Threads_running", () -> sessions.all().stream()
                .filter(s -> !s.command().equals("Sleep")).count()));
        status.register(StatusVariable.of("Threads_created", connections::connections));
        status.register(StatusVariable.of("Connections", connections::connections));
        status.register(StatusVariable.resettable("Aborted_connects", connections::abortedConnects,
                connections::resetAbortedConnects));
        status.register(StatusVariable.of("Aborted_clients", connections::abortedClients));
        status.register(StatusVariable.resettable("Max_used_connections", connections::maxUsedConnections,
                () -> connections.resetMaxUsed(sessions.count())));
        status.register(StatusVariable.of("Max_used_connections_time", () -> connections.maxUsedConnectionsAtMillis() == 0
                ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(java.time.LocalDateTime
                        .ofInstant(java.time.Instant.ofEpochMilli(connections.maxUsedConnectionsAtMillis()),
                                java.time.ZoneId.systemDefault()))));
        // MySQL 5.7's connection errors; peer_address, select and tcpwrap have no cause here (MySQL
        // counts them for name lookups, its poll loop and TCP wrappers), so they stay 0 as there without one
        status.register(StatusVariable.of("Connection_errors_accept", connections::acceptErrors));
        status.register(StatusVariable.of("Connection_errors_internal", connections::internalErrors));
        status.register(StatusVariable.of("Connection_errors_max_connections", connections::maxConnectionsErrors));
        status.register(StatusVariable.of("Connection_errors_peer_address", () -> 0L));
        status.register(StatusVariable.of("Connection_errors_select", () -> 0L));
        status.register(StatusVariable.of("Connection_errors_tcpwrap", () -> 0L));
        status.register(StatusVariable.of("Prepared_stmt_count",
                () -> io.minisqld.server.session.PreparedStatements.heldBy(sessions.all())));
        // group commit seen from SQL: MariaDB's Binlog_commits and Binlog_group_commits, our Binlog_fsyncs
        status.register(StatusVariable.of("Binlog_commits", () -> counter(binlog.get(), BinlogService::commitsWritten)));
        status.register(StatusVariable.of("Binlog_group_commits", () -> counter(binlog.get(), BinlogService::groupsWritten)));
        status.register(StatusVariable.of("Binlog_fsyncs", () -> counter(binlog.get(), BinlogService::fsyncs)));
    }

    private static long counter(BinlogService binlog, java.util.function.ToLongFunction<BinlogService> read) {
        return binlog == null ? 0L : read.applyAsLong(binlog);
    }
}
