package io.minisqld.server.engine.h2;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.engine.Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.ValueDataType;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.mvstore.type.MetaType;
import org.h2.result.SearchRow;
import org.h2.value.CompareMode;
import org.h2.value.Value;
import org.h2.value.VersionedValue;

/**
 * Ends the transactions a crash left open in the store, before H2 opens it.
 *
 * <p>Why: H2 2.3 reads the undo logs of those transactions while it opens the store, before it
 * has run the database's {@code SET COLLATION} (the server's case-insensitive comparisons), so the
 * index maps they name are opened with H2's default comparison. When such an index is a
 * secondary one (a string key, such as {@code mysql.slave_relay_log_info}'s or any user table's
 * VARCHAR key), H2 then refuses to open the database at all ("Incompatible key type … for index
 * PRIMARY_KEY_…"): a SIGKILL at the wrong moment left a datadir the server could not start on.
 * H2 2.5 no longer does this; its other changes are not taken here.
 *
 * <p>What: if the store has undo logs, they are settled here the way H2 would settle them after
 * opening (a transaction marked committed is completed, any other that is not prepared is rolled
 * back), with the maps' key types built with the database's own collation, read from its
 * {@code SET COLLATION} meta record. H2 then finds no leftover transaction. Uses H2 internals
 * (the store's meta records, and a {@link Database} standing in only for its collation), pinned
 * to H2 2.3.x by the project's dependency; a failure here stops the start with its reason.
 */
final class H2LeftoverTransactions {
    private static final String UNDO_LOG_PREFIX = "undoLog";
    private static final Pattern COLLATION = Pattern.compile("SET COLLATION (\\w+)(?: STRENGTH (\\w+))?",
            Pattern.CASE_INSENSITIVE);

    private H2LeftoverTransactions() {
    }

    /**
     * What was settled; {@code strays}: undo records left out of the rollbacks because the change
     * they would undo was not in the store ({@link #dropStrayRecords}).
     */
    record Outcome(int committed, int rolledBack, int strays) {
    }

    /** Settles the leftover transactions of the store {@code mvFile} (absent: nothing to do). */
    static Outcome settle(Path mvFile) {
        if (!Files.exists(mvFile)) return new Outcome(0, 0, 0);
        CompareMode collation;
        MVStore store = open(mvFile);
        try {
            if (store.getMapNames().stream().noneMatch(n -> n.startsWith(UNDO_LOG_PREFIX))) return new Outcome(0, 0, 0);
            collation = collation(store);
        } finally {
            store.close();
        }
        // a store of its own: the key types read above were built with H2's default comparison
        store = open(mvFile);
        try {
            Database collationOnly = standIn(collation);
            TransactionStore transactions = new TransactionStore(store,
                    new MetaType<>(collationOnly, store.backgroundExceptionHandler), new ValueDataType(collationOnly, null),
                    0);
            transactions.init();
            int committed = 0;
            int rolledBack = 0;
            int strays = 0;
            for (Transaction t : transactions.getOpenTransactions()) {
                if (t.getStatus() == Transaction.STATUS_COMMITTED) {
                    t.commit();
                    committed++;
                } else if (t.getStatus() != Transaction.STATUS_PREPARED) {
                    strays += dropStrayRecords(transactions, t.getId());
                    t.rollback();
                    rolledBack++;
                }
            }
            store.commit();
            return new Outcome(committed, rolledBack, strays);
        } finally {
            store.close();
        }
    }

    /**
     * Removes from transaction {@code id}'s undo log the records whose change is not in the store,
     * before H2 rolls the transaction back; returns how many.
     *
     * <p>Why: H2 2.3 restores a record's old value whatever the row holds now. A SIGKILL campaign
     * found a file whose open transaction had a record for a row that other transactions had
     * changed and committed since (its old value four commits behind): rolled back as H2 does, the
     * row lost those four commits while their other rows stayed — a transaction cut, no error.
     * A record's change is in the store when the row carries that record's operation id, or, for
     * an earlier record of the same row, when the later records of this transaction lead back to
     * it; the others are left out. Uses H2 internals (the undo log maps and their records), pinned
     * to H2 2.3.x by the project's dependency.
     */
    @SuppressWarnings("unchecked")
    private static int dropStrayRecords(TransactionStore transactions, int id) {
        try {
            Field logsField = TransactionStore.class.getDeclaredField("undoLogs");
            logsField.setAccessible(true);
            MVMap<Long, Object> undoLog = ((MVMap<Long, Object>[]) logsField.get(transactions))[id];
            if (undoLog == null) return 0;
            Method openMap = TransactionStore.class.getDeclaredMethod("openMap", int.class);
            openMap.setAccessible(true);
            Class<?> recordClass = Class.forName("org.h2.mvstore.tx.Record");
            Field mapIdField = recordClass.getDeclaredField("mapId");
            Field keyField = recordClass.getDeclaredField("key");
            Field oldValueField = recordClass.getDeclaredField("oldValue");
            for (Field f : new Field[] {mapIdField, keyField, oldValueField}) f.setAccessible(true);
            // per map, the operation id each changed row holds once the later records are undone
            // (keys compared as the map compares them: index rows have no hash code)
            java.util.Map<Integer, MVMap<Object, VersionedValue<Object>>> maps = new java.util.HashMap<>();
            java.util.Map<Integer, java.util.TreeMap<Object, Long>> holds = new java.util.HashMap<>();
            java.util.List<Long> strays = new java.util.ArrayList<>();
            java.util.Iterator<Long> keys = undoLog.keyIteratorReverse(null);
            while (keys.hasNext()) {
                Long undoKey = keys.next();
                Object record = undoLog.get(undoKey);
                int mapId = mapIdField.getInt(record);
                if (mapId < 0) continue;
                MVMap<Object, VersionedValue<Object>> map = maps.computeIfAbsent(mapId, m -> {
                    try {
                        return (MVMap<Object, VersionedValue<Object>>) openMap.invoke(transactions, m);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (map == null) continue;
                Object key = keyField.get(record);
                java.util.TreeMap<Object, Long> held = holds.computeIfAbsent(mapId,
                        m -> new java.util.TreeMap<>(map.getKeyType()::compare));
                Long holds0 = held.get(key);
                long now;
                if (holds0 != null) {
                    now = holds0;
                } else {
                    VersionedValue<Object> current = map.get(key);
                    now = current == null ? 0L : current.getOperationId();
                }
                if (now != undoKey) {
                    strays.add(undoKey);
                    held.put(key, now);
                    continue;
                }
                VersionedValue<Object> old = (VersionedValue<Object>) oldValueField.get(record);
                held.put(key, old == null ? 0L : old.getOperationId());
            }
            for (Long undoKey : strays) undoLog.remove(undoKey);
            return strays.size();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Rolling back the transactions a crash left open needs H2 2.3.232's "
                    + "undo log internals: " + e, e);
        }
    }

    private static MVStore open(Path mvFile) {
        return new MVStore.Builder().fileName(mvFile.toString()).autoCommitDisabled().open();
    }

    /**
     * The database's collation, from its {@code SET COLLATION} meta record (the rows of the meta
     * table, {@code table.0}); H2's default when none was set.
     */
    private static CompareMode collation(MVStore store) {
        TransactionStore reader = new TransactionStore(store, new MetaType<>(null, store.backgroundExceptionHandler),
                new ValueDataType(), 0);
        MVMap<Object, Object> meta = reader.openMap("table.0", null, null);
        for (Object v : meta.values()) {
            Object current = v instanceof VersionedValue<?> vv ? vv.getCommittedValue() : v;
            if (!(current instanceof SearchRow row)) continue;
            for (int i = 0; i < row.getColumnCount(); i++) {
                Value value = row.getValue(i);
                String text = value == null ? null : value.getString();
                if (text == null) continue;
                Matcher m = COLLATION.matcher(text);
                if (m.find()) return GeneralCiCollation.replacing(CompareMode.getInstance(m.group(1), strength(m.group(2))));
            }
        }
        return CompareMode.getInstance(null, 0);
    }

    private static int strength(String name) {
        if (name == null) return Collator.TERTIARY;
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PRIMARY" -> Collator.PRIMARY;
            case "SECONDARY" -> Collator.SECONDARY;
            case "IDENTICAL" -> Collator.IDENTICAL;
            default -> Collator.TERTIARY;
        };
    }

    /**
     * A {@link Database} object that only answers its collation: what H2's key and row types ask
     * of it while the undo logs are read and rolled back. Never opened.
     */
    private static Database standIn(CompareMode compareMode) {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Method allocate = unsafeClass.getMethod("allocateInstance", Class.class);
            Database db = (Database) allocate.invoke(theUnsafe.get(null), Database.class);
            Field mode = Database.class.getDeclaredField("compareMode");
            mode.setAccessible(true);
            mode.set(db, compareMode);
            return db;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Settling the transactions a crash left open needs H2 2.3.232's "
                    + "Database internals: " + e, e);
        }
    }
}
