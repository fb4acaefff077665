package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.Statement;

/**
 * MySQL's refusals of a statement that writes: in a READ ONLY transaction (1792); with
 * {@code super_read_only} for every account (1290 naming --super-read-only); with
 * {@code read_only} for accounts without SUPER (1290 naming --read-only). The replica's applier
 * and the server's own sessions pass, as MySQL's replication threads do.
 */
final class WriteGuard {
    private final ServerContext server;

    WriteGuard(ServerContext server) {
        this.server = server;
    }

    void check(Session s, Statement statement) {
        if (!statement.writes() || s.account().internal()) return;
        boolean readOnlyTransaction = s.inTransaction() ? s.readOnlyTransaction() : s.nextTransactionReadOnly();
        if (readOnlyTransaction) throw ErrorCode.ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION.error();
        if (server.variables().globalBool("super_read_only")) {
            throw ErrorCode.ER_OPTION_PREVENTS_STATEMENT.error("--super-read-only");
        }
        if (server.variables().globalBool("read_only") && !server.accounts().hasGlobal(s.account(), Privilege.SUPER)) {
            throw ErrorCode.ER_OPTION_PREVENTS_STATEMENT.error("--read-only");
        }
    }
}
