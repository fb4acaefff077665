package io.minisqld.server.statements;

import io.minisqld.server.auth.Account;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.commit.BinlogRecovery;
import io.minisqld.server.replication.replica.GroupStatements;
import io.minisqld.server.session.Session;
import java.util.List;

/**
 * Start-up crash recovery's re-application of a binlogged transaction the engine lost: its
 * statements run through the statement layer in the context the binlog recorded for them
 * ({@link GroupStatements}), without being logged again (they are in the binlog), and the
 * transaction commits in the engine with its XID. Runs before the server serves anyone.
 */
final class CrashRecoveryReplayer implements BinlogRecovery.Replayer {
    private final ServerContext server;
    private final ReplicationApplier applier;

    CrashRecoveryReplayer(ServerContext server, ReplicationApplier applier) {
        this.server = server;
        this.applier = applier;
    }

    @Override
    public void replay(List<PositionedEvent> events, long xid) {
        Session s = new Session(server.sessions().nextConnectionId(), "system user", "",
                Account.internal("recovery"), null, server.variables().newSession(), server.engine().openSession());
        // listed while it runs: a stored function its statements call runs in it
        server.sessions().add(s);
        try {
            s.variables().set("sql_log_bin", false);
            // nothing else runs during recovery: a lock wait means the engine is inconsistent, so
            // start-up fails loudly instead of hanging
            s.engine().setLockWaitTimeout(10);
            applier.begin(s);
            GroupStatements.apply(s, applier, server.engine(), events);
            s.engine().recordXid(xid);
            s.engine().commit();
            s.binlogCache().clear();
            s.setInTransaction(false);
        } catch (GroupStatements.Failure f) {
            throw new IllegalStateException("crash recovery could not re-apply the binlogged transaction with XID "
                    + xid + ": error " + f.error().number() + " (" + f.getMessage() + ") on query '"
                    + (f.query() == null ? "(a row event)" : f.query().sql()) + "'", f);
        } finally {
            server.sessions().remove(s);
            s.setReplicatedOrigin(null);
            s.engine().close();
        }
    }
}
