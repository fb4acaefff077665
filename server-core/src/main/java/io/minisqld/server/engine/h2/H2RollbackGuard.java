package io.minisqld.server.engine.h2;

import java.lang.reflect.Field;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.value.VersionedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rollback puts back only the rows its transaction still holds.
 *
 * <p>Why: H2 (2.3.232, and 2.4.240 and 2.5.252 alike) undoes a transaction by walking its undo log,
 * and for each record it writes the record's old value into the row's map unconditionally, as a
 * side effect of deciding to delete the record. Two things make that write land on a row the
 * transaction no longer holds, and each loses another transaction's committed change without an
 * error:
 * <ol>
 * <li><b>A retried decision.</b> Deleting the undo record is a compare-and-set on the undo log's
 *     root. When a store write moved that root meanwhile, H2 decides again, and writes the old value
 *     a second time: by then the first write had released the row, and another transaction may have
 *     locked it, changed it and committed. The rollback campaign (RunTimeRollbackTest) saw a counter
 *     go back from 39 to 36 this way, three committed increments lost.</li>
 * <li><b>An undo record for a row that was never taken.</b> A statement that waited for a row which
 *     the holder then deleted logs a record for the absent row (old value: none) and changes
 *     nothing. Rolling that transaction back deletes whatever row has that key by then, such as one
 *     another session inserted and committed since.</li>
 * </ol>
 *
 * <p>What: the undo logs of the engine's transactions are maps of this class's kind, whose rollback
 * step first looks at the row: a row that holds a value written by the rolling-back transaction is
 * handed to H2's step as before (no other transaction can change such a row); any other row (its
 * value committed, another transaction's, or absent) has nothing of this transaction left to undo,
 * and the record is dropped without a write. H2's transaction store builds each transaction slot's
 * undo log once and keeps it; {@link #install} makes its builder build this kind and replaces the
 * plain undo logs H2 built while it opened the database (they are empty: no transaction is open).
 *
 * <p>Uses H2 internals (the store's undo log builder and array, the undo record's fields, the
 * rollback step's class): the engine refuses to start when they are missing.
 */
final class H2RollbackGuard {
    private static final Logger LOG = LoggerFactory.getLogger(H2RollbackGuard.class);
    /** Bits of an operation id below its transaction id (H2's {@code Transaction.LOG_ID_BITS}). */
    private static final int LOG_ID_BITS = 40;
    private static final Field UNDO_LOG_BUILDER;
    private static final Field UNDO_LOGS;
    private static final Field OPEN_TRANSACTIONS;
    private static final Field RECORD_MAP_ID;
    private static final Field RECORD_KEY;
    private static final Class<?> ROLLBACK_STEP;
    /** Undo records dropped because their row no longer held the transaction's value. */
    private static final AtomicLong LEFT_OUT = new AtomicLong();

    static {
        try {
            UNDO_LOG_BUILDER = open(TransactionStore.class.getDeclaredField("undoLogBuilder"));
            UNDO_LOGS = open(TransactionStore.class.getDeclaredField("undoLogs"));
            OPEN_TRANSACTIONS = open(TransactionStore.class.getDeclaredField("openTransactions"));
            Class<?> record = Class.forName("org.h2.mvstore.tx.Record");
            RECORD_MAP_ID = open(record.getDeclaredField("mapId"));
            RECORD_KEY = open(record.getDeclaredField("key"));
            ROLLBACK_STEP = Class.forName("org.h2.mvstore.tx.RollbackDecisionMaker");
            if (UNDO_LOG_BUILDER.getType() != MVMap.Builder.class || !UNDO_LOGS.getType().isArray()
                    || OPEN_TRANSACTIONS.getType() != AtomicReference.class || RECORD_MAP_ID.getType() != int.class
                    || !MVMap.DecisionMaker.class.isAssignableFrom(ROLLBACK_STEP)) {
                throw new NoSuchFieldException("H2's transaction store changed shape");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Safe rollbacks need H2 2.3.232's MVStore transaction internals: " + e, e);
        }
    }

    private H2RollbackGuard() {
    }

    private static Field open(Field f) {
        f.setAccessible(true);
        return f;
    }

    /**
     * Gives every undo log of {@code transactions} the guarded rollback step, now and for the
     * transaction slots H2 opens later. Call with no transaction open (the engine's start).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void install(MVStore store, TransactionStore transactions) {
        try {
            MVMap.Builder<Long, Object> plain = (MVMap.Builder<Long, Object>) UNDO_LOG_BUILDER.get(transactions);
            UNDO_LOG_BUILDER.set(transactions, new Builder(store, plain));
            MVMap<Long, Object>[] logs = (MVMap<Long, Object>[]) UNDO_LOGS.get(transactions);
            BitSet open = (BitSet) ((AtomicReference<?>) OPEN_TRANSACTIONS.get(transactions)).get();
            for (int slot = 0; slot < logs.length; slot++) {
                MVMap<Long, Object> log = logs[slot];
                if (log == null || log instanceof UndoLog) continue;
                if (open.get(slot) || !log.isEmpty()) {
                    throw new IllegalStateException("transaction slot " + slot + " is in use while the engine starts");
                }
                // H2 opens the slot's undo log again, with the builder above, when a transaction takes it
                store.removeMap(log);
                logs[slot] = null;
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Undo records a rollback left out since the process started (they named rows held by others). */
    static long leftOut() {
        return LEFT_OUT.get();
    }

    private static final class Builder extends MVMap.Builder<Long, Object> {
        private final MVStore store;

        Builder(MVStore store, MVMap.Builder<Long, Object> plain) {
            this.store = store;
            keyType(plain.getKeyType());
            valueType(plain.getValueType());
            singleWriter();
        }

        @Override
        protected MVMap<Long, Object> create(Map<String, Object> config) {
            config.put("singleWriter", true);
            return new UndoLog(store, config, this);
        }
    }

    /** A transaction slot's undo log whose rollback steps go through {@link OwnRowsOnly}. */
    private static final class UndoLog extends MVMap<Long, Object> {
        private final MVStore store;

        UndoLog(MVStore store, Map<String, Object> config, Builder builder) {
            super(config, builder.getKeyType(), builder.getValueType());
            this.store = store;
        }

        @Override
        public Object operate(Long undoKey, Object value, DecisionMaker<? super Object> decision) {
            if (decision.getClass() != ROLLBACK_STEP) return super.operate(undoKey, value, decision);
            return super.operate(undoKey, value,
                    new OwnRowsOnly(store, decision, (int) (undoKey >>> LOG_ID_BITS)));
        }
    }

    /** H2's rollback step for one undo record, taken only while the row holds the transaction's value. */
    private static final class OwnRowsOnly extends MVMap.DecisionMaker<Object> {
        private final MVStore store;
        private final MVMap.DecisionMaker<? super Object> step;
        private final int transactionId;

        OwnRowsOnly(MVStore store, MVMap.DecisionMaker<? super Object> step, int transactionId) {
            this.store = store;
            this.step = step;
            this.transactionId = transactionId;
        }

        @Override
        public MVMap.Decision decide(Object record, Object provided) {
            if (record != null && !heldByTransaction(record)) {
                LEFT_OUT.incrementAndGet();
                LOG.debug("Rollback of transaction slot {}: left out {}, whose row no longer holds its value",
                        transactionId, record);
                return MVMap.Decision.REMOVE;
            }
            return step.decide(record, provided);
        }

        @Override
        public void reset() {
            step.reset();
        }

        private boolean heldByTransaction(Object record) {
            try {
                MVMap<Object, Object> rows = store.getMap(RECORD_MAP_ID.getInt(record));
                // a map that is not open (dropped since): H2's step decides, as before
                if (rows == null || rows.isClosed()) return true;
                Object current = rows.get(RECORD_KEY.get(record));
                if (!(current instanceof VersionedValue<?> value)) return false;
                long operation = value.getOperationId();
                return operation != 0 && (int) (operation >>> LOG_ID_BITS) == transactionId;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "own-rows-only " + step;
        }
    }
}
