package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.command.CommandContainer;
import org.h2.command.Prepared;
import org.h2.command.ddl.DefineCommand;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;

/**
 * CREATE TEMPORARY TABLE and DROP TEMPORARY TABLE leave the open transaction open, as MySQL's do
 * (its rows before them roll back with it). H2 commits before every DDL command not marked
 * transactional; while such a statement runs on a session's thread, the engine's DDL for it (the
 * table, its checks, counters, triggers and key names) goes through {@link #execute}, which marks
 * it so. A command that would still commit the transaction fails instead (H2's commit guard is on
 * meanwhile): a path this misses is an error, never a silent commit. Temporary objects are not in
 * H2's catalog table, so its lock, which the commands take, is given back after each rather than
 * held to the transaction's end (other sessions' DDL, and the engine's own, would wait for it).
 */
final class TemporaryTableDdl implements AutoCloseable {
    private static final ThreadLocal<SessionLocal> RUNNING = new ThreadLocal<>();

    private final SessionLocal session;
    private final boolean guardBefore;

    private TemporaryTableDdl(SessionLocal session) {
        this.session = session;
        this.guardBefore = session.setCommitOrRollbackDisabled(true);
        RUNNING.set(session);
    }

    /** {@code CREATE TEMPORARY TABLE …} or {@code DROP TEMPORARY TABLE …}. */
    static boolean is(List<Token> sig) {
        return io.minisqld.server.sql.statement.EngineStatement.temporaryTableDdl(sig);
    }

    /** The scope of one such statement; null inside one already running (a statement it composes). */
    static TemporaryTableDdl begin(SessionLocal session) {
        return RUNNING.get() != null ? null : new TemporaryTableDdl(session);
    }

    /** Whether such a statement runs on this thread. */
    static boolean running() {
        return RUNNING.get() != null;
    }

    /**
     * Runs one H2 statement: inside the scope and on its session's connection, a DDL command
     * without H2's commit, giving back the catalog lock it took; otherwise as written.
     */
    static void execute(Statement st, String sql) throws SQLException {
        SessionLocal session = RUNNING.get();
        if (session == null || !(st.getConnection() instanceof JdbcConnection jc) || jc.getSession() != session) {
            st.execute(sql);
            return;
        }
        boolean catalogLocked = session.getDatabase().isSysTableLockedBy(session);
        try {
            Prepared prepared = session.prepare(sql);
            if (prepared instanceof DefineCommand ddl) ddl.setTransactional(true);
            new CommandContainer(session, sql, prepared).executeUpdate(null);
        } catch (DbException e) {
            throw DbException.toSQLException(e);
        } finally {
            if (!catalogLocked && session.getDatabase().isSysTableLockedBy(session)) {
                session.getDatabase().unlockMeta(session);
            }
        }
    }

    @Override
    public void close() {
        RUNNING.remove();
        session.setCommitOrRollbackDisabled(guardBefore);
    }
}
