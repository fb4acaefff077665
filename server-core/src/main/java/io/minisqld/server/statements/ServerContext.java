package io.minisqld.server.statements;

import io.minisqld.server.auth.Account;
import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;

/**
 * The server services that statements act on. One per server.
 *
 * @param accountStatements runs CREATE USER, GRANT, SHOW GRANTS and the other account statements
 * @param shutdown starts an orderly shutdown of the server from another thread
 */
public record ServerContext(SystemVariables variables, StatusRegistry status, SessionManager sessions,
                            StorageEngine engine, AccountStore accounts, AccountStatementRunner accountStatements,
                            String version, Runnable shutdown) {

    /** Executes one account statement as {@code current}. */
    @FunctionalInterface
    public interface AccountStatementRunner {
        io.minisqld.server.result.StatementResult execute(String sql, Account current);
    }
}
