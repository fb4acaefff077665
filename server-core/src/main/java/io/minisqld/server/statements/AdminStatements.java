package io.minisqld.server.statements;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.AdminStatement;

/** USE, KILL, FLUSH, SHUTDOWN and CREATE / DROP DATABASE. */
final class AdminStatements {
    private final ServerContext server;
    private final Transactions transactions;
    private final ServerLocks locks;

    private final StoredRoutines routines;

    AdminStatements(ServerContext server, Transactions transactions, ServerLocks locks, StoredRoutines routines) {
        this.server = server;
        this.transactions = transactions;
        this.locks = locks;
        this.routines = routines;
    }

    /** Registers every statement of {@link AdminStatement} with its handler. */
    void register(DispatchTable table) {
        table.register(AdminStatement.Use.class, (s, st, t) -> use(s, st.database()))
                .register(AdminStatement.GetDiagnostics.class, (s, st, t) -> getDiagnostics(s, st))
                .register(AdminStatement.Kill.class, (s, st, t) -> {
                    kill(s, st.id(), st.connection());
                    return OkResult.EMPTY;
                })
                .register(AdminStatement.Flush.class, this::flush)
                .register(AdminStatement.FlushTablesWithReadLock.class, this::flushWithReadLock)
                .register(AdminStatement.LockTables.class, this::lockTables)
                .register(AdminStatement.UnlockTables.class, (s, st, t) -> {
                    unlockTables(s);
                    return OkResult.EMPTY;
                })
                .register(AdminStatement.Shutdown.class, (s, st, t) -> {
                    requirePrivilege(s, Privilege.SHUTDOWN, "SHUTDOWN");
                    server.shutdown().run();
                    return OkResult.EMPTY;
                })
                .register(AdminStatement.CreateDatabase.class, this::createDatabase)
                .register(AdminStatement.DropDatabase.class, this::dropDatabase);
    }

    /** USE db, and COM_INIT_DB. */
    StatementResult use(Session s, String db) {
        if (!db.equalsIgnoreCase("information_schema") && !server.engine().databaseExists(db)) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        }
        if (!server.accounts().canUseDatabase(s.account(), db)) throw AccessDenied.database(s, db);
        s.setDatabase(db.equalsIgnoreCase("information_schema") ? "information_schema" : db);
        return OkResult.EMPTY;
    }

    /** KILL [QUERY] id: 1094 for an unknown id, 1095 for another user's session without SUPER. */
    void kill(Session s, long id, boolean connection) {
        Session target = server.sessions().get(id)
                .orElseThrow(() -> ErrorCode.ER_NO_SUCH_THREAD.error(Long.toString(id)));
        if (!target.user().equals(s.user()) && !server.accounts().hasGlobal(s.account(), Privilege.SUPER)) {
            throw ErrorCode.ER_KILL_DENIED_ERROR.error(Long.toString(id));
        }
        target.kill(connection);
    }

    private StatementResult flush(Session s, AdminStatement.Flush st, StatementText text) {
        requirePrivilege(s, Privilege.RELOAD, "RELOAD");
        boolean logged = false;
        for (AdminStatement.FlushItem item : st.items()) {
            switch (item) {
                case STATUS -> {
                    server.status().flush(s.status());
                    logged = true;
                }
                case PRIVILEGES -> {
                    server.accounts().reload();
                    logged = true;
                }
                case TABLES -> logged = true;
                case HOSTS -> {
                    server.hosts().flush();
                    logged = true;
                }
                case USER_RESOURCES -> {
                    server.accounts().flushUserResources();
                    logged = true;
                }
                // FLUSH LOGS and FLUSH BINARY LOGS close the binlog file and open the next
                case LOGS, BINARY_LOGS -> {
                    if (server.binlog() != null) {
                        server.binlog().rotate();
                        server.expireLogs().run();
                    }
                }
                default -> { }
            }
        }
        // MySQL writes FLUSH PRIVILEGES / STATUS / TABLES to the binlog unless LOCAL; never FLUSH LOGS
        if (logged && !st.local()) transactions.logCommitted(s, s.database(), text.loggedText());
        return OkResult.EMPTY;
    }

    /**
     * FLUSH TABLES WITH READ LOCK (RELOAD): the global read lock, which holds every other session's
     * changes and commits until UNLOCK TABLES; with tables, READ locks on them (RELOAD and LOCK
     * TABLES). It commits the open transaction first; under LOCK TABLES it is 1192. Not binlogged.
     */
    private StatementResult flushWithReadLock(Session s, AdminStatement.FlushTablesWithReadLock st, StatementText text) {
        requirePrivilege(s, Privilege.RELOAD, "RELOAD");
        if (locks.holdsTableLocks(s)) throw ErrorCode.ER_LOCK_OR_ACTIVE_TRANSACTION.error();
        transactions.implicitCommit(s);
        if (st.tables().isEmpty()) {
            locks.lockGlobalRead(s);
            return OkResult.EMPTY;
        }
        java.util.List<ServerLocks.Request> requests = new java.util.ArrayList<>();
        for (io.minisqld.server.sql.statement.TableRef t : st.tables()) {
            requests.add(request(s, t.database(), t.table(), false));
        }
        locks.lockTables(s, requests);
        return OkResult.EMPTY;
    }

    /**
     * LOCK TABLES: commits the open transaction and releases the session's earlier table locks,
     * then takes them all or waits (lock_wait_timeout, 1205); each table needs LOCK TABLES and
     * SELECT on it, and must exist (1146). Not binlogged, as MySQL does not log it.
     */
    private StatementResult lockTables(Session s, AdminStatement.LockTables st, StatementText text) {
        transactions.implicitCommit(s);
        if (locks.holdsGlobalReadLock(s) && st.locks().stream().anyMatch(AdminStatement.TableLock::write)) {
            throw ErrorCode.ER_CANT_UPDATE_WITH_READLOCK.error();
        }
        java.util.List<ServerLocks.Request> requests = new java.util.ArrayList<>();
        for (AdminStatement.TableLock l : st.locks()) requests.add(request(s, l.database(), l.table(), l.write()));
        locks.lockTables(s, requests);
        return OkResult.EMPTY;
    }

    /**
     * A table to lock, checked: privileges and existence. LOCK TABLES is a database privilege
     * (no table grant gives it: 1044 without it, MySQL's check_access), then SELECT on the table
     * (1142).
     */
    private ServerLocks.Request request(Session s, String database, String table, boolean write) {
        String db = database != null ? database : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        if (!server.accounts().has(s.account(), Privilege.LOCK_TABLES, db, null)) throw AccessDenied.database(s, db);
        if (!server.accounts().has(s.account(), Privilege.SELECT, db, table)) {
            throw AccessDenied.table(s, Privilege.SELECT, table);
        }
        if (!db.equalsIgnoreCase("information_schema")) s.engine().describe(db, table);
        return new ServerLocks.Request(db, table, write);
    }

    /**
     * UNLOCK TABLES: releases the session's table locks and the global read lock; a transaction
     * open under LOCK TABLES is committed, as MySQL commits it.
     */
    void unlockTables(Session s) {
        if (locks.holdsTableLocks(s)) transactions.implicitCommit(s);
        locks.releaseAll(s);
    }

    private StatementResult createDatabase(Session s, AdminStatement.CreateDatabase st, StatementText text) {
        transactions.implicitCommit(s);
        requireDatabasePrivilege(s, Privilege.CREATE, st.name());
        boolean created = server.engine().createDatabase(st.name(), st.ifNotExists(),
                st.collation() == null ? Collation.of(MysqlCharset.UTF8MB4) : st.collation());
        transactions.logCommitted(s, "", text.loggedText());
        if (!created) {
            s.note(ErrorCode.ER_DB_CREATE_EXISTS, st.name());
            return OkResult.EMPTY;
        }
        return OkResult.affected(1);
    }

    private StatementResult dropDatabase(Session s, AdminStatement.DropDatabase st, StatementText text) {
        transactions.implicitCommit(s);
        requireDatabasePrivilege(s, Privilege.DROP, st.name());
        int dropped = server.engine().dropDatabase(st.name(), st.ifExists());
        transactions.logCommitted(s, "", text.loggedText());
        if (dropped < 0) {
            s.note(ErrorCode.ER_DB_DROP_EXISTS, st.name());
            return OkResult.EMPTY;
        }
        routines.dropDatabase(s, st.name());
        if (st.name().equalsIgnoreCase(s.database())) s.setDatabase(null);
        return OkResult.affected(dropped);
    }

    private void requirePrivilege(Session s, Privilege priv, String name) {
        if (!server.accounts().hasGlobal(s.account(), priv)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(name);
        }
    }

    private void requireDatabasePrivilege(Session s, Privilege priv, String db) {
        if (!server.accounts().has(s.account(), priv, db, null)) throw AccessDenied.database(s, db);
    }

    /**
     * GET DIAGNOSTICS outside a stored program: the previous statement's conditions (what SHOW
     * WARNINGS lists) and row count, into user variables; a condition number beyond them leaves the
     * variables, and adds the condition Error 1758 "Invalid condition number" to those warnings.
     */
    private StatementResult getDiagnostics(Session s, AdminStatement.GetDiagnostics st) {
        java.util.List<io.minisqld.server.session.Warning> conditions = s.warnings();
        io.minisqld.server.session.Warning condition = null;
        if (st.condition() != null) {
            if (st.condition() < 1 || st.condition() > conditions.size()) {
                s.addDiagnosticsError(ErrorCode.ER_DA_INVALID_CONDITION_NUMBER);
                return OkResult.EMPTY;
            }
            condition = conditions.get((int) (st.condition() - 1));
        }
        for (String[] target : st.targets()) {
            Object value = condition == null
                    ? DiagnosticsItems.statementItem(target[1], conditions.size(), s.rowCount())
                    : DiagnosticsItems.conditionItem(target[1], condition.code(),
                            DiagnosticsItems.sqlState(condition.code(), condition.level()), condition.message());
            String name = target[0];
            if (name.length() > 1 && (name.charAt(0) == '`' || name.charAt(0) == '\'' || name.charAt(0) == '"')) {
                name = name.substring(1, name.length() - 1);
            }
            s.userVariables().put(name.toLowerCase(java.util.Locale.ROOT), value);
        }
        return OkResult.EMPTY;
    }
}
