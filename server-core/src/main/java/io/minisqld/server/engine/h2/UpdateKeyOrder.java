package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MySQL's UPDATE writes its rows one at a time, in the order it reads them, each checked against
 * the table's unique keys as it is written: a row given a key value that a row the statement
 * updates later still holds is 1062 (MySQL 5.7 manual, 13.2.11: {@code UPDATE t SET id = id + 1}
 * fails where {@code … ORDER BY id DESC} succeeds). The engine removes all the old rows before it
 * adds the new ones, so such a statement succeeded, and its row events, which a replica applies one
 * at a time in that order, stopped a MySQL or MariaDB replica with 1062. The row trigger hands this
 * class each updated row in the engine's order; a row whose old key value an earlier row of the
 * statement took ends the statement with MySQL's 1062.
 */
final class UpdateKeyOrder {
    /**
     * A primary or unique key: its MySQL name, its columns' positions, and for each whether it
     * compares by code point (a case-sensitive collation's text) rather than by general_ci weights.
     */
    record UniqueKey(String name, int[] positions, boolean[] exact) {
    }

    /**
     * By table and key: the key values rows of the running statement were given so far; null when
     * the statement is no UPDATE whose rows the engine writes in MySQL's order.
     */
    private static final ThreadLocal<Map<String, Map<List<Object>, String>>> TAKEN = new ThreadLocal<>();

    private UpdateKeyOrder() {
    }

    /**
     * A statement starts on this thread: it has given no key values yet; {@code check} for an
     * UPDATE without ORDER BY (the engine writes the rows of one with ORDER BY in its own order,
     * which is not the one asked: those are not checked).
     */
    static void statementStarts(boolean check) {
        Map<String, Map<List<Object>, String>> taken = TAKEN.get();
        if (!check) {
            if (taken != null) TAKEN.remove();
        } else if (taken == null) {
            TAKEN.set(new HashMap<>());
        } else if (!taken.isEmpty()) {
            taken.clear();
        }
    }

    /** Whether the running statement's rows are checked. */
    static boolean checking() {
        return TAKEN.get() != null;
    }

    /** One row the running UPDATE changed, in the engine's order. */
    static void updated(String schema, String table, List<UniqueKey> keys, Object[] oldRow, Object[] newRow) {
        for (UniqueKey k : keys) {
            if (same(k, oldRow, newRow)) continue;
            List<Object> before = values(k, oldRow);
            List<Object> after = values(k, newRow);
            // a key the row keeps: the engine itself refuses a value another row took
            if (before != null && before.equals(after)) continue;
            Map<List<Object>, String> taken = TAKEN.get().computeIfAbsent(schema + "\0" + table + "\0" + k.name(),
                    n -> new HashMap<>());
            String took = before == null ? null : taken.get(before);
            if (took != null) {
                // an earlier row took this row's value while this row still held it: MySQL stops there,
                // naming the value that row was given
                throw ErrorCode.ER_DUP_ENTRY.error(took, k.name());
            }
            if (after != null) taken.put(after, shown(k, newRow));
        }
    }

    /** Whether the row keeps the key's values exactly (most updates: nothing to check). */
    private static boolean same(UniqueKey k, Object[] oldRow, Object[] newRow) {
        for (int p : k.positions()) {
            if (!java.util.Objects.deepEquals(oldRow[p], newRow[p])) return false;
        }
        return true;
    }

    /** Whether the engine's error is this class's 1062 (from the row trigger, inside the engine's). */
    static boolean refused(java.sql.SQLException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.minisqld.server.error.SqlError own) {
                return own.number() == ErrorCode.ER_DUP_ENTRY.number();
            }
        }
        return false;
    }

    /** The key's values of a row, each as it compares; null when one is NULL (NULLs never collide). */
    private static List<Object> values(UniqueKey k, Object[] row) {
        List<Object> out = new ArrayList<>(k.positions().length);
        for (int i = 0; i < k.positions().length; i++) {
            Object v = row[k.positions()[i]];
            if (v == null) return null;
            if (v instanceof String text) v = GeneralCiCollation.key(text, !k.exact()[i]);
            else if (v instanceof byte[] bytes) v = ByteBuffer.wrap(bytes);
            else if (v instanceof BigDecimal d) v = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            out.add(v);
        }
        return out;
    }

    /** The key's values as MySQL's 1062 shows them, joined by '-'. */
    private static String shown(UniqueKey k, Object[] row) {
        List<String> parts = new ArrayList<>();
        for (int p : k.positions()) {
            Object v = row[p];
            parts.add(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    : v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v));
        }
        return String.join("-", parts);
    }
}
