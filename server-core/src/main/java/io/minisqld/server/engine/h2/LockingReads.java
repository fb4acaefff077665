package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one statement reads and locks, found while {@link MySqlToH2} walks its tokens. InnoDB
 * locks the rows an UPDATE, DELETE, locking SELECT, or the SELECT of an INSERT/REPLACE/CREATE …
 * SELECT reads (a "current read"). H2 locks them for FOR UPDATE, which it refuses on a grouped or
 * DISTINCT select: there the rows are locked by a query of their own, the select's FROM … WHERE.
 * And where InnoDB's scan also waits for a row another open transaction changed so that it now
 * matches (H2 evaluates the condition on the committed row only), the statement's single table
 * and condition make a {@link Probe} (see docs/locking.md).
 */
final class LockingReads {
    /** Functions that make a SELECT grouped, where H2 takes no FOR UPDATE. */
    /** MySQL's aggregate functions. */
    static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT",
            "BIT_AND", "BIT_OR", "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP",
            "VARIANCE", "JSON_ARRAYAGG", "JSON_OBJECTAGG");
    /** Where a SELECT's table list ends. */
    private static final Set<String> AFTER_FROM = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "WINDOW",
            "UNION", "FOR", "LOCK", "PROCEDURE", "INTO");
    /** Where a condition ends. */
    private static final Set<String> AFTER_WHERE = Set.of("GROUP", "HAVING", "ORDER", "LIMIT", "WINDOW", "UNION",
            "FOR", "LOCK", "PROCEDURE", "INTO");
    private static final Set<String> DML_MODIFIERS = Set.of("LOW_PRIORITY", "QUICK", "IGNORE");

    /**
     * The rows of one table a statement's condition matches in any version, committed or not.
     *
     * @param rowIdsSql an H2 query of their row ids ({@code _ROWID_})
     * @param schema    the table's database, or null for the session's
     * @param table     the table's name
     */
    record Probe(String rowIdsSql, String schema, String table) {
    }

    private final String first;
    private final boolean createTable;
    private int forUpdateAt = -1;
    private int forUpdateLength;
    private boolean grouped;
    private int selectAt = -1;
    private int fromAt = -1;
    private int setAt = -1;
    private boolean onDuplicate;
    private int lastToken = -1;
    /** Sig indexes: where the FROM … WHERE part ends (-1: the end), the table list, the condition. */
    private int lockEnd = -1;
    private int tableStart = -1;
    private int tableEnd = -1;
    private int whereStart = -1;
    private int whereEnd = -1;
    private boolean singleTable = true;

    LockingReads(String first, boolean createTable) {
        this.first = first;
        this.createTable = createTable;
    }

    /** Sees each token outside parentheses. */
    void see(List<Token> all, List<Integer> sig, int s) {
        Token t = all.get(sig.get(s));
        if (!t.isSymbol(";")) lastToken = s;
        if (t.is("SELECT") && selectAt < 0) {
            selectAt = s;
        } else if (t.is("FROM") && fromAt < 0 && (selectAt >= 0 || "DELETE".equals(first))) {
            fromAt = s;
            tableStart = s + 1;
        } else if (t.is("SET") && setAt < 0 && "UPDATE".equals(first)) {
            setAt = s;
            tableEnd = s;
        } else if (t.is("DISTINCT") || t.is("DISTINCTROW") || (t.is("GROUP") && nextIs(all, sig, s, "BY"))) {
            grouped = true;
        } else if (t.type() == TokenType.WORD && AGGREGATES.contains(t.upper()) && s + 1 < sig.size()
                && all.get(sig.get(s + 1)).isSymbol("(")) {
            grouped = true;
        } else if (t.is("DUPLICATE") && s > 0 && all.get(sig.get(s - 1)).is("ON")) {
            onDuplicate = true;
        }
        if ("UPDATE".equals(first) && s == 1) {
            tableStart = 1;
            while (tableStart < sig.size() && DML_MODIFIERS.contains(all.get(sig.get(tableStart)).upper())) tableStart++;
        }
        boolean inTables = tableStart >= 0 && s >= tableStart && (tableEnd < 0 || s < tableEnd) && whereStart < 0;
        if (inTables && (t.isSymbol(",") || t.is("JOIN") || t.is("STRAIGHT_JOIN") || t.is("USING"))) {
            singleTable = false;
        }
        boolean ends = t.type() == TokenType.WORD && (!t.is("ON") || nextIs(all, sig, s, "DUPLICATE"));
        if (fromAt >= 0 && lockEnd < 0 && s > fromAt && ends && (AFTER_WHERE.contains(t.upper()) || t.is("ON"))) {
            lockEnd = s;
        }
        if (inTables && s > tableStart && ends && (AFTER_FROM.contains(t.upper()) || t.is("ON"))
                && !"UPDATE".equals(first)) {
            tableEnd = s;
        }
        if (t.is("WHERE") && whereStart < 0 && tableStart >= 0 && (tableEnd >= 0 || "DELETE".equals(first))) {
            if (tableEnd < 0) tableEnd = s;
            whereStart = s + 1;
        } else if (whereStart >= 0 && whereEnd < 0 && s >= whereStart && ends
                && (AFTER_WHERE.contains(t.upper()) || t.is("ON"))) {
            whereEnd = s;
        }
    }

    void forUpdate(int s, int length) {
        if (forUpdateAt < 0) {
            forUpdateAt = s;
            forUpdateLength = length;
        }
    }

    /** Whether the statement reads the latest committed rows and locks them. */
    boolean currentRead() {
        return forUpdateAt >= 0 || switch (first) {
            case "UPDATE", "DELETE", "INSERT", "REPLACE" -> true;
            default -> createTable && selectAt >= 0;
        };
    }

    private boolean writeFromSelect() {
        return ("INSERT".equals(first) || "REPLACE".equals(first) || createTable) && selectAt >= 0
                && forUpdateAt < 0 && !onDuplicate;
    }

    /**
     * Adds FOR UPDATE where H2 takes it.
     *
     * @return the token index the lock query starts at (a grouped locking read), or -1
     */
    int plan(List<Integer> sig, Map<Integer, String> replace, Set<Integer> drop, Map<Integer, String> append) {
        if (writeFromSelect() && !grouped) {
            append.merge(sig.get(lastToken), " FOR UPDATE", String::concat);
            return -1;
        }
        if (forUpdateAt >= 0 && grouped) {
            for (int k = 0; k < forUpdateLength; k++) {
                replace.remove(sig.get(forUpdateAt + k));
                drop.add(sig.get(forUpdateAt + k));
            }
        } else if (!writeFromSelect()) {
            return -1;
        }
        return fromAt < 0 ? -1 : sig.get(fromAt);
    }

    /** The token index where the lock query's FROM … WHERE ends, or -1 for the statement's end. */
    int lockEnd(List<Integer> sig) {
        return lockEnd < 0 ? -1 : sig.get(lockEnd);
    }

    /** The probe of the statement's one table, or null (several tables, or not a current read). */
    Probe probe(List<Token> all, List<Integer> sig, int[] h2Starts, int[] h2Ends, String h2) {
        if (!currentRead() || !singleTable || tableStart < 0 || tableStart >= sig.size()) return null;
        if (("INSERT".equals(first) || "REPLACE".equals(first) || createTable) && (fromAt < 0 || onDuplicate)) {
            return null;
        }
        int end = lastToken + 1;
        int tEnd = tableEnd >= 0 ? tableEnd : end;
        if (tEnd <= tableStart) return null;
        Token name = all.get(sig.get(tableStart));
        if (!name.isIdentifier()) return null;
        String schema = null;
        String table = name.value();
        if (tableStart + 2 < tEnd && all.get(sig.get(tableStart + 1)).isSymbol(".")) {
            schema = table;
            table = all.get(sig.get(tableStart + 2)).value();
        }
        StringBuilder sql = new StringBuilder("SELECT _ROWID_ FROM ")
                .append(h2, h2Starts[sig.get(tableStart)], h2Ends[sig.get(tEnd - 1)]);
        if (whereStart >= 0) {
            int wEnd = whereEnd >= 0 ? whereEnd : end;
            if (wEnd <= whereStart) return null;
            sql.append(" WHERE ").append(h2, h2Starts[sig.get(whereStart)], h2Ends[sig.get(wEnd - 1)]);
        }
        return new Probe(sql.toString(), schema, table);
    }

    private static boolean nextIs(List<Token> all, List<Integer> sig, int s, String word) {
        return s + 1 < sig.size() && all.get(sig.get(s + 1)).is(word);
    }
}
