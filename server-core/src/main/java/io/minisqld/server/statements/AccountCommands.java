package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.AccountStatement;

/**
 * The account statements: they commit the open transaction first (SHOW GRANTS aside), run in the
 * account service, and are binlogged with their passwords hashed, as MySQL 5.7 does.
 */
final class AccountCommands {
    private final ServerContext server;
    private final Transactions transactions;
    private final StoredRoutines routines;

    AccountCommands(ServerContext server, Transactions transactions, StoredRoutines routines) {
        this.server = server;
        this.transactions = transactions;
        this.routines = routines;
    }

    /** Registers every statement of {@link AccountStatement} with this handler. */
    void register(DispatchTable table) {
        for (Class<?> type : AccountStatement.class.getPermittedSubclasses()) {
            register(table, type.asSubclass(AccountStatement.class));
        }
    }

    private <S extends AccountStatement> void register(DispatchTable table, Class<S> type) {
        table.register(type, this::execute);
    }

    private StatementResult execute(Session s, AccountStatement statement, StatementText text) {
        boolean show = statement instanceof AccountStatement.ShowGrants;
        if (!show) transactions.implicitCommit(s);
        // GRANT on a routine needs the routine (1305), as MySQL's mysql_routine_grant
        if (statement instanceof AccountStatement.Grant g && g.level().kind() == GrantLevel.Kind.ROUTINE
                && routines.find(s, g.level().function(), g.level().db(), g.level().table()) == null) {
            throw ErrorCode.ER_SP_DOES_NOT_EXIST.error(g.level().routineType(), g.level().db() + "." + g.level().table());
        }
        StatementResult r = server.accountStatements().execute(statement, s.account(),
                n -> s.note(n.number(), n.getMessage()));
        if (!show) transactions.logCommitted(s, s.database(), AccountLogText.rewrite(text));
        return r;
    }
}
