package io.minisqld.server.gtid;

/**
 * The server's GTID bookkeeping (row-events-gtid-mts.md B.1, B.5): {@code gtid_executed} (every
 * committed GTID), {@code gtid_purged} (those no binlog file holds any more) and the GTIDs written
 * to the binlog so far, which each new file's PREVIOUS_GTIDS event lists. New GTIDs take this
 * server's UUID and the number after the highest one it has used.
 *
 * <p>Thread-safety: every method is synchronized; the sets are immutable values, read without copying.
 */
public final class GtidState {
    private final String serverUuid;
    private volatile GtidMode mode = GtidMode.OFF;
    private GtidSet executed = GtidSet.EMPTY;
    private GtidSet purged = GtidSet.EMPTY;
    /** In the binlog files or purged: the next file's PREVIOUS_GTIDS. */
    private GtidSet logged = GtidSet.EMPTY;
    private long nextGno = 1;
    /** GTIDs named by a transaction that is committing (gtid_next, a replica's applier): B.5 ownership. */
    private final java.util.Map<String, Long> owned = new java.util.LinkedHashMap<>();
    /** Sessions in {@link #awaitExecuted}: commits wake them only then. */
    private int waiters;
    /** Commits since start, for the wake-ups WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS counts. */
    private long commits;

    /** How a wait for executed GTIDs ended. */
    public enum WaitOutcome { REACHED, TIMED_OUT, GAVE_UP }

    public GtidState(String serverUuid) {
        this.serverUuid = serverUuid;
    }

    public String serverUuid() {
        return serverUuid;
    }

    public GtidMode mode() {
        return mode;
    }

    public void mode(GtidMode mode) {
        this.mode = mode;
    }

    /** Start-up: what the binlog files and mysql.gtid_executed hold. */
    public synchronized void recovered(GtidSet executed, GtidSet logged, GtidSet purged) {
        this.executed = executed;
        this.logged = logged;
        this.purged = purged;
        this.nextGno = Math.max(executed.last(serverUuid), logged.last(serverUuid)) + 1;
    }

    /** A new GTID for a transaction being written to the binlog (flush stage, in binlog order). */
    public synchronized long assign() {
        long gno = nextGno;
        while (executed.contains(serverUuid, gno) || logged.contains(serverUuid, gno)) gno++;
        if (gno == Long.MAX_VALUE) throw io.minisqld.server.error.ErrorCode.ER_GNO_EXHAUSTED.error();
        nextGno = gno + 1;
        logged = logged.with(serverUuid, gno);
        return gno;
    }

    /** A transaction with a given GTID (replicated, or gtid_next) was written to the binlog. */
    public synchronized void logged(String uuid, long gno) {
        logged = logged.with(uuid, gno);
        if (uuid.equals(serverUuid) && gno >= nextGno) nextGno = gno + 1;
    }

    /**
     * Takes ownership of a GTID a transaction names, waiting while another transaction owns it
     * (MySQL's gtid_next waits so); false when the GTID is executed already (the transaction is
     * then skipped). The owner ends ownership with {@link #committed} or {@link #release}. The
     * wait ends without ownership, null, when {@code stop} turns true (a KILL of the waiting
     * session; checked every 100 ms).
     */
    public synchronized Boolean own(String uuid, long gno, long owner, java.util.function.BooleanSupplier stop)
            throws InterruptedException {
        String key = uuid + ":" + gno;
        while (owned.containsKey(key)) {
            if (stop.getAsBoolean()) return null;
            wait(100);
        }
        if (executed.contains(uuid, gno)) return false;
        owned.put(key, owner);
        return true;
    }

    /** {@code @@GLOBAL.gtid_owned}: each owned GTID with its owner's thread id ({@code uuid:n#id}). */
    public synchronized String ownedText() {
        StringBuilder out = new StringBuilder();
        for (java.util.Map.Entry<String, Long> e : owned.entrySet()) {
            if (out.length() > 0) out.append(',');
            out.append(e.getKey()).append('#').append(e.getValue());
        }
        return out.toString();
    }

    /** Ownership ends without a commit (the transaction failed or rolled back). */
    public synchronized void release(String uuid, long gno) {
        if (owned.remove(uuid + ":" + gno) != null) notifyAll();
    }

    /** A transaction with this GTID committed; its ownership ends. */
    public synchronized void committed(String uuid, long gno) {
        boolean wake = owned.remove(uuid + ":" + gno) != null || waiters > 0;
        executed = executed.with(uuid, gno);
        commits++;
        if (wake) notifyAll();
        if (uuid.equals(serverUuid) && gno >= nextGno) nextGno = gno + 1;
    }

    public synchronized GtidSet executed() {
        return executed;
    }

    public synchronized GtidSet purged() {
        return purged;
    }

    /** The GTIDs of all binlog files so far and of gtid_purged: a new file's PREVIOUS_GTIDS. */
    public synchronized GtidSet logged() {
        return logged;
    }

    /** Whether this GTID committed already (a replicated or gtid_next transaction is then skipped). */
    public synchronized boolean isExecuted(String uuid, long gno) {
        return executed.contains(uuid, gno);
    }

    /**
     * Waits until every GTID of {@code set} is executed (WAIT_FOR_EXECUTED_GTID_SET), at most
     * {@code nanos} (0: no limit), looking at {@code giveUp} (a KILL, a stopped applier) every 100 ms.
     */
    public synchronized WaitOutcome awaitExecuted(GtidSet set, long nanos, java.util.function.BooleanSupplier giveUp)
            throws InterruptedException {
        long deadline = nanos > 0 ? System.nanoTime() + nanos : Long.MAX_VALUE;
        waiters++;
        try {
            while (!set.subsetOf(executed)) {
                if (giveUp.getAsBoolean()) return WaitOutcome.GAVE_UP;
                long left = deadline - System.nanoTime();
                if (left <= 0) return WaitOutcome.TIMED_OUT;
                long millis = Math.max(1, Math.min(100, left / 1_000_000));
                wait(millis);
            }
            return WaitOutcome.REACHED;
        } finally {
            waiters--;
        }
    }

    /** Transactions with a GTID committed since start. */
    public synchronized long commits() {
        return commits;
    }

    /** PURGE BINARY LOGS: the oldest file left lists these as before it. */
    public synchronized void purgedUpTo(GtidSet previousOfOldest) {
        purged = purged.union(previousOfOldest);
    }

    /**
     * SET GLOBAL gtid_purged on a server that executed nothing: the set counts as executed and
     * purged (restoring a backup that had them).
     */
    public synchronized void setPurged(GtidSet set) {
        if (!executed.isEmpty()) throw io.minisqld.server.error.ErrorCode.ER_CANT_SET_GTID_PURGED_WHEN_GTID_EXECUTED_IS_NOT_EMPTY.error();
        executed = set;
        purged = set;
        logged = logged.union(set);
        nextGno = Math.max(nextGno, set.last(serverUuid) + 1);
    }

    /** RESET MASTER: no GTID executed, none purged, numbering starts again at 1. */
    public synchronized void reset() {
        executed = GtidSet.EMPTY;
        purged = GtidSet.EMPTY;
        logged = GtidSet.EMPTY;
        nextGno = 1;
    }
}
