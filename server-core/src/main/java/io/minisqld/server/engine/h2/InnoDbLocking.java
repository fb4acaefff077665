package io.minisqld.server.engine.h2;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.engine.IsolationLevel;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;

/**
 * InnoDB's locking rules on H2's MVStore transactions (see docs/locking.md for why this is
 * correct). H2 (2.3.232, pinned in the pom) already has row locks, lock waits that end when the
 * holder ends, statement-level re-evaluation of a row that changed while its UPDATE, DELETE or
 * {@code SELECT … FOR UPDATE} waited for it, and a wait-for-graph deadlock detector. Three of its
 * REPEATABLE READ rules differ from InnoDB's, and this class changes exactly those, per statement,
 * through H2's transaction objects:
 * <ol>
 * <li><b>Locking a row that changed since the snapshot.</b> H2 refuses it ("concurrent update",
 *     which the server would have reported as 1213); InnoDB locks the latest committed version.
 *     Each transaction map of a REPEATABLE READ transaction gets H2's READ COMMITTED lock rule
 *     (lock the current row, no snapshot comparison) when the transaction opens it.</li>
 * <li><b>What a locking statement reads.</b> H2 scans the transaction's snapshot; InnoDB's UPDATE,
 *     DELETE, INSERT … SELECT and locking SELECT read the latest committed rows (a "current read"),
 *     which is also what a statement-based replica, applying the statements in commit order,
 *     reads. For such a statement the transaction's snapshots are set aside, so H2 takes a fresh
 *     one at the statement's start, and put back after it: the consistent reads that follow see
 *     the transaction's first snapshot plus its own changes, as in InnoDB.</li>
 * <li><b>The deadlock victim.</b> H2 rolls back the youngest transaction of a cycle; InnoDB the
 *     lighter one (fewer rows changed and locked), the one that closed the cycle when they weigh the
 *     same. H2 picks the cycle member with the highest sequence number, so each statement start
 *     renumbers its transaction: lighter transactions get higher numbers, and among equals the
 *     statement that started last (the one that closes the cycle).</li>
 * </ol>
 * Anything H2 changes in these internals fails the server's start with this class's error, not a
 * silent return of H2's own rules.
 */
final class InnoDbLocking {
    private static final Field TRANSACTION_MAPS;
    private static final Field LOCK_RULE;
    private static final Field SNAPSHOT;
    private static final Field SEQUENCE;
    private static final Field OWNER;
    private static final Field BLOCKER;
    private static final Field BLOCKING_MAP;
    private static final Constructor<?> CURRENT_ROW_LOCK;
    private static final int ORDER_BITS = 20;
    private static final long HEAVIEST = (1L << (62 - ORDER_BITS)) - 1;
    /** Statement starts, for ordering transactions of equal weight. */
    private static final AtomicLong STARTS = new AtomicLong();

    static {
        try {
            TRANSACTION_MAPS = open(Transaction.class.getDeclaredField("transactionMaps"));
            SEQUENCE = open(Transaction.class.getDeclaredField("sequenceNum"));
            OWNER = open(Transaction.class.getDeclaredField("ownerId"));
            BLOCKER = open(Transaction.class.getDeclaredField("blockingTransaction"));
            BLOCKING_MAP = open(Transaction.class.getDeclaredField("blockingMapName"));
            LOCK_RULE = open(TransactionMap.class.getDeclaredField("lockDecisionMaker"));
            SNAPSHOT = open(TransactionMap.class.getDeclaredField("snapshot"));
            Class<?> lockRule = Class.forName("org.h2.mvstore.tx.TxDecisionMaker$LockDecisionMaker");
            CURRENT_ROW_LOCK = lockRule.getDeclaredConstructor(int.class, Transaction.class);
            CURRENT_ROW_LOCK.setAccessible(true);
            if (TRANSACTION_MAPS.getType() != Map.class || SEQUENCE.getType() != long.class || OWNER.getType() != int.class
                    || BLOCKER.getType() != Transaction.class || BLOCKING_MAP.getType() != String.class
                    || !LOCK_RULE.getType().isAssignableFrom(lockRule)) {
                throw new NoSuchFieldException("H2's transaction internals changed shape");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("InnoDB locking rules need H2 2.3.232's MVStore transaction internals: "
                    + e, e);
        }
    }

    private InnoDbLocking() {
    }

    /** The id of the H2 session whose transaction {@code tx} is (DeadlockReports). */
    static int owner(Transaction tx) {
        try {
            return OWNER.getInt(tx);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The transaction {@code tx} waits for, or null (OpenTransactions). */
    static Transaction blocker(Transaction tx) {
        try {
            return (Transaction) BLOCKER.get(tx);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of the map whose entry {@code tx} waits for ("table.12"), or null. */
    static String blockingMap(Transaction tx) {
        try {
            return (String) BLOCKING_MAP.get(tx);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the class, so that an H2 without the internals it needs stops the server's start. */
    static void check() {
        // the static initializer has run
    }

    /**
     * Applies InnoDB's rules to the session's transaction for the statement about to run.
     *
     * @param currentRead whether the statement reads the latest committed rows and locks them
     *                    (UPDATE, DELETE, INSERT/REPLACE, locking SELECT)
     * @param discount    given the transaction, how many of its undo records are not InnoDB weight
     * @return what {@link #statementEnded} puts back, or null
     */
    static Map<Object, Object> statementStarts(SessionLocal session, boolean currentRead,
                                               java.util.function.ToLongFunction<Transaction> discount) {
        Transaction tx = session.getTransaction();
        if (tx == null) return null;
        try {
            renumber(tx, discount.applyAsLong(tx));
            if (tx.getIsolationLevel() != IsolationLevel.REPEATABLE_READ) return null;
            Map<?, ?> maps = (Map<?, ?>) TRANSACTION_MAPS.get(tx);
            if (!(maps instanceof CurrentRowLocks)) {
                CurrentRowLocks hooked = new CurrentRowLocks(tx);
                for (Map.Entry<?, ?> e : maps.entrySet()) hooked.put((Integer) e.getKey(), e.getValue());
                TRANSACTION_MAPS.set(tx, hooked);
                maps = hooked;
            }
            if (!currentRead || maps.isEmpty()) return null;
            Map<Object, Object> setAside = new IdentityHashMap<>();
            for (Object map : maps.values()) {
                setAside.put(map, SNAPSHOT.get(map));
                SNAPSHOT.set(map, null);
            }
            return setAside;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives the transaction back the snapshots its consistent reads use. */
    static void statementEnded(SessionLocal session, Map<Object, Object> setAside) {
        if (setAside == null) return;
        Transaction tx = session.getTransaction();
        try {
            Map<?, ?> maps = (Map<?, ?>) TRANSACTION_MAPS.get(tx);
            for (Object map : maps.values()) {
                // a map the transaction no longer holds (it ended) has nothing to restore
                if (setAside.containsKey(map)) SNAPSHOT.set(map, setAside.get(map));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * InnoDB's victim weight: rows changed plus rows locked, which in H2 is the undo log's length
     * (a lock is an undo record too).
     */
    private static void renumber(Transaction tx, long discount) throws IllegalAccessException {
        long weight = Math.min(HEAVIEST, Math.max(0, tx.setSavepoint() - discount));
        long order = STARTS.incrementAndGet() & ((1L << ORDER_BITS) - 1);
        SEQUENCE.setLong(tx, ((HEAVIEST - weight) << ORDER_BITS) | order);
    }

    private static Field open(Field f) {
        f.setAccessible(true);
        return f;
    }

    /**
     * The transaction's map of opened tables: each table it opens gets the current-row lock rule.
     */
    private static final class CurrentRowLocks extends HashMap<Integer, Object> {
        private final transient Transaction tx;

        CurrentRowLocks(Transaction tx) {
            this.tx = tx;
        }

        @Override
        public Object put(Integer mapId, Object map) {
            try {
                LOCK_RULE.set(map, CURRENT_ROW_LOCK.newInstance(mapId, tx));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return super.put(mapId, map);
        }
    }
}
