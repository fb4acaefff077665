package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.TableRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's explicit locks, as MySQL 5.7 has them: the global read lock of FLUSH TABLES WITH
 * READ LOCK and the table locks of LOCK TABLES … READ | WRITE, held by sessions until UNLOCK TABLES
 * or the session ends.
 *
 * <ul>
 *   <li>While any session holds the global read lock, statements that change data, schema or
 *       accounts and commits of transactions with changes wait, in every other session (the
 *       holder itself gets 1223); FLUSH TABLES WITH READ LOCK itself waits for such statements
 *       and commits already running to finish.</li>
 *   <li>A READ lock lets other sessions read the table and makes their writes wait; a WRITE lock
 *       makes their reads and writes wait. LOCK TABLES waits for other sessions' conflicting locks
 *       and for their statements running on the tables.</li>
 *   <li>A session under LOCK TABLES may use only the tables it locked (1100), and write only those
 *       it locked for WRITE (1099).</li>
 *   <li>Every wait ends after the session's {@code lock_wait_timeout} with 1205.</li>
 * </ul>
 *
 * <p>Every statement and every commit of changes passes here, so the common case costs no lock:
 * while no session holds or asks for a lock ({@link #engaged} false), a statement only counts
 * itself in {@link #fastAll} (and {@link #fastWrites}). A lock request first marks the server
 * engaged, which sends later statements to the monitor-guarded path, then waits for the counted
 * ones to finish. (The counter's increment and the flag's read, and the flag's write and the
 * counter's read, are volatile accesses: one side always sees the other.)
 */
final class ServerLocks {
    private final Object monitor = new Object();
    /** A lock is held or asked for: statements take the guarded path. */
    private volatile boolean engaged;
    /** Statements and commits running on the fast path, and those of them that write. */
    private final LongAdder fastAll = new LongAdder();
    private final LongAdder fastWrites = new LongAdder();
    /** Lock requests in progress (guarded by the monitor). */
    private int requests;
    /** Per thread: how deep it is inside statements or commits that write (a commit inside one does not wait). */
    private final ThreadLocal<int[]> writeDepth = ThreadLocal.withInitial(() -> new int[1]);

    private final Set<Session> globalReadLock = new HashSet<>();
    /** Sessions inside a statement that writes or a commit of changes, on the guarded path, with their depth. */
    private final Map<Session, Integer> writing = new IdentityHashMap<>();
    /** Per table (database.table, lower case): the sessions that hold it locked and how. */
    private final Map<String, Map<Session, Boolean>> tableLocks = new HashMap<>();
    /** Per session under LOCK TABLES: its tables and whether each is locked for WRITE. */
    private final Map<Session, Map<String, Boolean>> lockedBySession = new IdentityHashMap<>();
    /** Per table: the sessions whose statement uses it now, on the guarded path, with their depth. */
    private final Map<String, Map<Session, Integer>> inUse = new HashMap<>();

    /** A table LOCK TABLES names and the lock it asks for. */
    record Request(String database, String table, boolean write) {
    }

    /** What {@link #statementStarts} registered, for {@link #statementEnded}. */
    sealed interface Registration {
    }

    private record Fast(boolean writes) implements Registration {
    }

    private record Guarded(Set<String> tables, boolean writes) implements Registration {
    }

    /** FLUSH TABLES WITH READ LOCK: new changes wait at once; the lock is held once running ones ended. */
    void lockGlobalRead(Session s) {
        synchronized (monitor) {
            startRequest();
            try {
                globalReadLock.add(s);
                Wait deadline = deadline(s);
                try {
                    while (fastWrites.sum() > 0 || othersWriting(s)) await(s, deadline, "Waiting for global read lock");
                } catch (RuntimeException e) {
                    globalReadLock.remove(s);
                    throw e;
                }
            } finally {
                endRequest();
            }
        }
    }

    /** LOCK TABLES (and FLUSH TABLES t, … WITH READ LOCK): the session's earlier table locks are released first. */
    void lockTables(Session s, List<Request> requests) {
        synchronized (monitor) {
            startRequest();
            try {
                releaseTables(s);
                Map<String, Boolean> wanted = new HashMap<>();
                for (Request r : requests) wanted.merge(key(r.database(), r.table()), r.write(), Boolean::logicalOr);
                Wait deadline = deadline(s);
                // the statements counted on the fast path may use these tables: they end first
                while (fastAll.sum() > 0 || conflicts(s, wanted)) await(s, deadline, "Waiting for table metadata lock");
                for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
                    tableLocks.computeIfAbsent(e.getKey(), k -> new IdentityHashMap<>()).put(s, e.getValue());
                }
                lockedBySession.put(s, wanted);
            } finally {
                endRequest();
            }
        }
    }

    /**
     * Before a change takes table locks of its own (RENAME TABLE, trigger DDL): waits while another
     * session holds the global read lock, as MySQL takes the global lock before the tables' ones;
     * 1223 when this session holds it.
     */
    void awaitGlobalReadLockFree(Session s) {
        synchronized (monitor) {
            if (globalReadLock.contains(s)) throw ErrorCode.ER_CANT_UPDATE_WITH_READLOCK.error();
            Wait deadline = deadline(s);
            while (othersHoldGlobalRead(s)) await(s, deadline, "Waiting for global read lock");
        }
    }

    /** True while the session holds tables locked with LOCK TABLES. */
    boolean holdsTableLocks(Session s) {
        if (!engaged) return false;
        synchronized (monitor) {
            return lockedBySession.containsKey(s);
        }
    }

    /** True while the session holds the global read lock. */
    boolean holdsGlobalReadLock(Session s) {
        if (!engaged) return false;
        synchronized (monitor) {
            return globalReadLock.contains(s);
        }
    }

    /** BEGIN / START TRANSACTION: the table locks go, the global read lock stays (as in MySQL). */
    void releaseTableLocks(Session s) {
        if (!engaged) return;
        synchronized (monitor) {
            releaseTables(s);
            settle();
        }
    }

    /** UNLOCK TABLES, the end of the session, COM_RESET_CONNECTION: everything the session holds. */
    void releaseAll(Session s) {
        if (!engaged) return;
        synchronized (monitor) {
            globalReadLock.remove(s);
            releaseTables(s);
            settle();
        }
    }

    /**
     * Before a statement on {@code tables} runs: the session's own LOCK TABLES rules, then waits for
     * other sessions' conflicting locks and, for a statement that writes, for the global read lock.
     * Each call is matched by {@link #statementEnded} with what it returned.
     */
    Registration statementStarts(Session s, List<TableRef> tables, boolean writes) {
        int[] depth = writeDepth.get();
        if (!engaged) {
            fastAll.increment();
            if (writes) fastWrites.increment();
            if (!engaged) {
                if (writes) depth[0]++;
                return writes ? FAST_WRITE : FAST_READ;
            }
            leaveFast(writes);
        }
        synchronized (monitor) {
            Map<String, Boolean> own = lockedBySession.get(s);
            Map<String, Boolean> used = new HashMap<>();
            for (TableRef t : tables) {
                if (t.database() == null && t.table() == null) continue;
                String k = key(t.database() != null ? t.database() : s.database(), t.table());
                if (isSystemView(k)) continue;
                // the session's temporary tables, which no other session sees, are locked by none
                // (MySQL: LOCK TABLES need not name them, and CREATE TEMPORARY TABLE runs under it)
                if (t.needed() == Privilege.CREATE_TEMPORARY_TABLES
                        || !s.temporaryTables().isEmpty() && s.temporaryTables().contains(k)) {
                    continue;
                }
                boolean write = t.needed() != Privilege.SELECT;
                if (own != null) {
                    Boolean lock = own.get(k);
                    if (lock == null) throw ErrorCode.ER_TABLE_NOT_LOCKED.error(t.table());
                    if (write && !lock) throw ErrorCode.ER_TABLE_NOT_LOCKED_FOR_WRITE.error(t.table());
                }
                used.merge(k, write, Boolean::logicalOr);
            }
            if (writes && globalReadLock.contains(s)) throw ErrorCode.ER_CANT_UPDATE_WITH_READLOCK.error();
            Wait deadline = deadline(s);
            while (writes && depth[0] == 0 && othersHoldGlobalRead(s)) await(s, deadline, "Waiting for global read lock");
            while (lockedByOthers(s, used)) await(s, deadline, "Waiting for table metadata lock");
            if (writes) {
                writing.merge(s, 1, Integer::sum);
                depth[0]++;
            }
            for (String k : used.keySet()) inUse.computeIfAbsent(k, x -> new IdentityHashMap<>()).merge(s, 1, Integer::sum);
            return new Guarded(used.keySet(), writes);
        }
    }

    private static final Registration FAST_READ = new Fast(false);
    private static final Registration FAST_WRITE = new Fast(true);

    /** The statement {@link #statementStarts} let run, with {@code registration}, has ended. */
    void statementEnded(Session s, Registration registration) {
        if (registration instanceof Fast f) {
            if (f.writes()) writeDepth.get()[0]--;
            leaveFast(f.writes());
            return;
        }
        Guarded g = (Guarded) registration;
        synchronized (monitor) {
            if (g.writes()) {
                leaveWriting(s);
                writeDepth.get()[0]--;
            }
            for (String k : g.tables()) {
                Map<Session, Integer> users = inUse.get(k);
                if (users != null && users.merge(s, -1, Integer::sum) <= 0) {
                    users.remove(s);
                    if (users.isEmpty()) inUse.remove(k);
                }
            }
            monitor.notifyAll();
        }
    }

    /** Around the commit of a transaction with changes: waits while another session holds the global read lock. */
    Registration commitStarts(Session s) {
        return statementStarts(s, List.of(), true);
    }

    void commitEnded(Session s, Registration registration) {
        statementEnded(s, registration);
    }

    /** A fast registration ends; a lock request waiting for the fast path to drain is told. */
    private void leaveFast(boolean writes) {
        if (writes) fastWrites.decrement();
        fastAll.decrement();
        if (engaged) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    private void startRequest() {
        requests++;
        engaged = true;
    }

    private void endRequest() {
        requests--;
        settle();
    }

    /** After a release: the fast path comes back once no lock is held or asked for. */
    private void settle() {
        if (requests == 0 && globalReadLock.isEmpty() && tableLocks.isEmpty()) engaged = false;
        monitor.notifyAll();
    }

    private void leaveWriting(Session s) {
        Integer n = writing.get(s);
        if (n == null) return;
        if (n <= 1) writing.remove(s);
        else writing.put(s, n - 1);
    }

    private void releaseTables(Session s) {
        Map<String, Boolean> held = lockedBySession.remove(s);
        if (held == null) return;
        for (String k : held.keySet()) {
            Map<Session, Boolean> holders = tableLocks.get(k);
            if (holders == null) continue;
            holders.remove(s);
            if (holders.isEmpty()) tableLocks.remove(k);
        }
    }

    private boolean othersWriting(Session s) {
        for (Session w : writing.keySet()) {
            if (w != s) return true;
        }
        return false;
    }

    private boolean othersHoldGlobalRead(Session s) {
        for (Session h : globalReadLock) {
            if (h != s) return true;
        }
        return false;
    }

    /** Another session holds a lock that conflicts with using {@code used} (table → writes). */
    private boolean lockedByOthers(Session s, Map<String, Boolean> used) {
        for (Map.Entry<String, Boolean> e : used.entrySet()) {
            Map<Session, Boolean> holders = tableLocks.get(e.getKey());
            if (holders == null) continue;
            for (Map.Entry<Session, Boolean> h : holders.entrySet()) {
                if (h.getKey() != s && (h.getValue() || e.getValue())) return true;
            }
        }
        return false;
    }

    /** Locks {@code wanted} cannot be granted yet: another session's lock or running statement conflicts. */
    private boolean conflicts(Session s, Map<String, Boolean> wanted) {
        if (lockedByOthers(s, wanted)) return true;
        for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
            Map<Session, Integer> users = inUse.get(e.getKey());
            if (users == null) continue;
            for (Session u : users.keySet()) {
                // a WRITE lock waits for every other statement on the table, a READ lock for those writing
                if (u != s && (e.getValue() || writing.containsKey(u))) return true;
            }
        }
        return false;
    }

    private static boolean isSystemView(String key) {
        return key.startsWith("information_schema.") || key.startsWith("performance_schema.");
    }

    /** How many sessions hold the table locked by LOCK TABLES (SHOW OPEN TABLES' In_use). */
    int lockHolders(String database, String table) {
        synchronized (monitor) {
            Map<Session, Boolean> holders = tableLocks.get(key(database, table));
            return holders == null ? 0 : holders.size();
        }
    }

    private static String key(String database, String table) {
        return ((database == null ? "" : database) + "." + table).toLowerCase(Locale.ROOT);
    }

    /** When a wait that starts now gives up (lock_wait_timeout), and the KILLs the session had received. */
    private record Wait(long deadline, long kills) {
    }

    private static Wait deadline(Session s) {
        long seconds = s.variables().longValue("lock_wait_timeout");
        return new Wait(System.nanoTime() + Math.min(seconds, 31536000L) * 1_000_000_000L, s.kills());
    }

    /** Waits for a release until the deadline (1205 then); a KILL (QUERY or CONNECTION) ends the wait with 1317. */
    private void await(Session s, Wait wait, String state) {
        if (s.killed() || s.kills() != wait.kills()) throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        s.setState(state);
        long left = wait.deadline() - System.nanoTime();
        if (left <= 0) throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        try {
            // woken by every release; the bound keeps a killed session from waiting out its timeout
            monitor.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        }
    }
}
