package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.replication.replica.Applier;
import io.minisqld.server.replication.replica.ReplicaService;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.ReplicaStatement;

/**
 * CHANGE MASTER TO, START / STOP / RESET SLAVE and SHOW SLAVE STATUS: MySQL 5.7's privileges
 * (SUPER; RELOAD for RESET SLAVE; SUPER or REPLICATION CLIENT for SHOW SLAVE STATUS), the
 * implicit commit of the session's open transaction, then the replica service.
 */
final class ReplicaCommands {
    private final ServerContext server;
    private final Transactions transactions;
    private final ReplicaService replica;
    private final Applier applier;

    ReplicaCommands(ServerContext server, Transactions transactions, ReplicaService replica, Applier applier) {
        this.server = server;
        this.transactions = transactions;
        this.replica = replica;
        this.applier = applier;
    }

    void register(DispatchTable table) {
        table.register(ReplicaStatement.ShowStatus.class, (s, st, t) -> {
                    requireAny(s, "SUPER, REPLICATION CLIENT", Privilege.SUPER, Privilege.REPLICATION_CLIENT);
                    return replica().status();
                })
                .register(ReplicaStatement.ChangeMaster.class, (s, st, t) -> control(s, Privilege.SUPER,
                        () -> replica().changeMaster(st, s)))
                .register(ReplicaStatement.Start.class, (s, st, t) -> control(s, Privilege.SUPER,
                        () -> replica().start(st.threads(), s, applier)))
                .register(ReplicaStatement.Stop.class, (s, st, t) -> control(s, Privilege.SUPER,
                        () -> replica().stop(st.threads(), s)))
                .register(ReplicaStatement.Reset.class, (s, st, t) -> control(s, Privilege.RELOAD,
                        () -> replica().reset(st.all())));
    }

    private ReplicaService replica() {
        if (replica == null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("replication");
        return replica;
    }

    /** The statements that drive the channel commit the session's open transaction first in MySQL 5.7. */
    private StatementResult control(Session s, Privilege needed, Runnable action) {
        requireAny(s, needed.grantName(), needed);
        transactions.implicitCommit(s);
        action.run();
        return OkResult.EMPTY;
    }

    private void requireAny(Session s, String names, Privilege... privileges) {
        for (Privilege p : privileges) {
            if (server.accounts().hasGlobal(s.account(), p)) return;
        }
        throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(names);
    }
}
