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
 * One per server; all state is guarded by one monitor, which a release notifies.
 */
final class ServerLocks {
    private final Object monitor = new Object();
    private final Set<Session> globalReadLock = new HashSet<>();
    /** Sessions inside a statement that writes or a commit of changes, with their nesting depth. */
    private final Map<Session, Integer> writing = new IdentityHashMap<>();
    /** Per table (database.table, lower case): the sessions that hold it locked and how. */
    private final Map<String, Map<Session, Boolean>> tableLocks = new HashMap<>();
    /** Per session under LOCK TABLES: its tables and whether each is locked for WRITE. */
    private final Map<Session, Map<String, Boolean>> lockedBySession = new IdentityHashMap<>();
    /** Per table: the sessions whose statement uses it now, with their nesting depth. */
    private final Map<String, Map<Session, Integer>> inUse = new HashMap<>();

    /** A table LOCK TABLES names and the lock it asks for. */
    record Request(String database, String table, boolean write) {
    }

    /** FLUSH TABLES WITH READ LOCK. */
    void lockGlobalRead(Session s) {
        synchronized (monitor) {
            long deadline = deadline(s);
            while (othersWriting(s)) await(s, deadline, "Waiting for global read lock");
            globalReadLock.add(s);
        }
    }

    /** LOCK TABLES (and FLUSH TABLES t, … WITH READ LOCK): the session's earlier table locks are released first. */
    void lockTables(Session s, List<Request> requests) {
        synchronized (monitor) {
            releaseTables(s);
            Map<String, Boolean> wanted = new HashMap<>();
            for (Request r : requests) wanted.merge(key(r.database(), r.table()), r.write(), Boolean::logicalOr);
            long deadline = deadline(s);
            while (conflicts(s, wanted)) await(s, deadline, "Waiting for table metadata lock");
            for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
                tableLocks.computeIfAbsent(e.getKey(), k -> new IdentityHashMap<>()).put(s, e.getValue());
            }
            lockedBySession.put(s, wanted);
        }
    }

    /** True while the session holds tables locked with LOCK TABLES. */
    boolean holdsTableLocks(Session s) {
        synchronized (monitor) {
            return lockedBySession.containsKey(s);
        }
    }

    /** True while the session holds the global read lock. */
    boolean holdsGlobalReadLock(Session s) {
        synchronized (monitor) {
            return globalReadLock.contains(s);
        }
    }

    /** BEGIN / START TRANSACTION: the table locks go, the global read lock stays (as in MySQL). */
    void releaseTableLocks(Session s) {
        synchronized (monitor) {
            releaseTables(s);
        }
    }

    /** UNLOCK TABLES, the end of the session, COM_RESET_CONNECTION: everything the session holds. */
    void releaseAll(Session s) {
        synchronized (monitor) {
            globalReadLock.remove(s);
            releaseTables(s);
            monitor.notifyAll();
        }
    }

    /**
     * Before a statement on {@code tables} runs: the session's own LOCK TABLES rules, then waits for
     * other sessions' conflicting locks and, for a statement that writes, for the global read lock.
     * Each successful call is matched by {@link #statementEnded}.
     */
    void statementStarts(Session s, List<TableRef> tables, boolean writes) {
        synchronized (monitor) {
            Map<String, Boolean> own = lockedBySession.get(s);
            Map<String, Boolean> used = new HashMap<>();
            for (TableRef t : tables) {
                if (t.database() == null && t.table() == null) continue;
                String k = key(t.database() != null ? t.database() : s.database(), t.table());
                if (isSystemView(k)) continue;
                boolean write = t.needed() != Privilege.SELECT;
                if (own != null) {
                    Boolean lock = own.get(k);
                    if (lock == null) throw ErrorCode.ER_TABLE_NOT_LOCKED.error(t.table());
                    if (write && !lock) throw ErrorCode.ER_TABLE_NOT_LOCKED_FOR_WRITE.error(t.table());
                }
                used.merge(k, write, Boolean::logicalOr);
            }
            if (writes && globalReadLock.contains(s)) throw ErrorCode.ER_CANT_UPDATE_WITH_READLOCK.error();
            long deadline = deadline(s);
            while (writes && !writing.containsKey(s) && othersHoldGlobalRead(s)) {
                await(s, deadline, "Waiting for global read lock");
            }
            while (lockedByOthers(s, used)) await(s, deadline, "Waiting for table metadata lock");
            if (writes) writing.merge(s, 1, Integer::sum);
            for (String k : used.keySet()) inUse.computeIfAbsent(k, x -> new IdentityHashMap<>()).merge(s, 1, Integer::sum);
            current.computeIfAbsent(s, x -> new java.util.ArrayDeque<>()).push(new Started(used.keySet(), writes));
        }
    }

    /** The statement {@link #statementStarts} let run has ended. */
    void statementEnded(Session s) {
        synchronized (monitor) {
            java.util.Deque<Started> started = current.get(s);
            if (started == null || started.isEmpty()) return;
            Started st = started.pop();
            if (started.isEmpty()) current.remove(s);
            if (st.writes()) leaveWriting(s);
            for (String k : st.tables()) {
                Map<Session, Integer> users = inUse.get(k);
                if (users != null && users.merge(s, -1, Integer::sum) <= 0) {
                    users.remove(s);
                    if (users.isEmpty()) inUse.remove(k);
                }
            }
            monitor.notifyAll();
        }
    }

    private record Started(Set<String> tables, boolean writes) {
    }

    /** Per session, its statements running (SQL EXECUTE runs one inside another), innermost first. */
    private final Map<Session, java.util.Deque<Started>> current = new IdentityHashMap<>();

    /** Around the commit of a transaction with changes: waits while another session holds the global read lock. */
    void commitStarts(Session s) {
        synchronized (monitor) {
            if (globalReadLock.contains(s)) throw ErrorCode.ER_CANT_UPDATE_WITH_READLOCK.error();
            long deadline = deadline(s);
            while (!writing.containsKey(s) && othersHoldGlobalRead(s)) await(s, deadline, "Waiting for commit lock");
            writing.merge(s, 1, Integer::sum);
        }
    }

    void commitEnded(Session s) {
        synchronized (monitor) {
            leaveWriting(s);
            monitor.notifyAll();
        }
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
        monitor.notifyAll();
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
                if (u != s && e.getValue()) return true;
            }
            // a READ lock waits for statements writing the table: their sessions are writing
            if (!e.getValue()) {
                for (Session u : users.keySet()) {
                    if (u != s && writing.containsKey(u)) return true;
                }
            }
        }
        return false;
    }

    private static boolean isSystemView(String key) {
        return key.startsWith("information_schema.") || key.startsWith("performance_schema.");
    }

    private static String key(String database, String table) {
        return ((database == null ? "" : database) + "." + table).toLowerCase(Locale.ROOT);
    }

    private static long deadline(Session s) {
        long seconds = s.variables().longValue("lock_wait_timeout");
        return System.nanoTime() + Math.min(seconds, 31536000L) * 1_000_000_000L;
    }

    /** Waits for a release until {@code deadline} (1205 then); KILL QUERY ends the wait with 1317. */
    private void await(Session s, long deadline, String state) {
        if (s.killed()) throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        s.setState(state);
        long left = deadline - System.nanoTime();
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
