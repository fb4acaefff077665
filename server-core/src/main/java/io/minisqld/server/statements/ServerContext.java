package io.minisqld.server.statements;

import io.minisqld.server.auth.Account;
import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;

/**
 * The server services that statements act on. One per server.
 *
 * @param accountStatements runs CREATE USER, GRANT, SHOW GRANTS and the other account statements
 * @param shutdown starts an orderly shutdown of the server from another thread
 * @param observers the replication observers (plugins' hooks)
 * @param binlog    the binary log, or null when {@code log_bin} is off
 */
public record ServerContext(SystemVariables variables, StatusRegistry status, SessionManager sessions,
                            StorageEngine engine, AccountStore accounts, AccountStatementRunner accountStatements,
                            String version, Runnable shutdown, ObserverRegistry observers, BinlogService binlog) {

    /** The server id events are written with (MySQL reads the global at each event). */
    public long serverId() {
        return variables.globalLong("server_id");
    }

    /** Executes one account statement as {@code current}. */
    @FunctionalInterface
    public interface AccountStatementRunner {
        io.minisqld.server.result.StatementResult execute(String sql, Account current);
    }
}
