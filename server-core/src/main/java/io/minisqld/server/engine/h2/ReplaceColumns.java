package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code REPLACE INTO t (a, b) VALUES …} naming fewer columns than the table has: MySQL deletes the
 * row a key meets and inserts the new one, whose other columns take their defaults. The engine's
 * REPLACE updates the row it meets in the columns named and kept the others' old values, so the
 * stored row was not MySQL's. Each column the list leaves out is named with {@code DEFAULT} as
 * its value in every row, or its default as a last item of a {@code REPLACE … SELECT}
 * ({@link #completeSelect}; pt-table-checksum's chunks are such statements).
 */
final class ReplaceColumns {
    private ReplaceColumns() {
    }

    /**
     * A table with a unique key but no primary key: the engine's REPLACE finds rows by the primary
     * key only and failed with a meaningless 1091 ("Can't DROP 'PRIMARY_KEY_'"); MySQL's replaces
     * the row the unique key meets. Refused by name instead (a table with no unique key at all is an
     * INSERT, {@link MySqlToH2}).
     */
    static void refuseWithoutPrimaryKey(TableInfo info) {
        boolean primary = info.indexes().stream().anyMatch(i -> i.name().equalsIgnoreCase("PRIMARY"));
        boolean unique = info.indexes().stream().anyMatch(TableInfo.IndexInfo::unique);
        if (unique && !primary) {
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error("REPLACE into a table with a unique key but no primary key");
        }
    }

    /** Completes the column list of the REPLACE whose tokens are {@code all} (see the class comment). */
    static void complete(EngineQuery query, List<Token> all, List<Integer> sig, Map<Integer, String> append,
                         BiFunction<String, String, TableInfo> describe) {
        if (describe == null) return;
        MySqlToH2.TableName target = MySqlToH2.replaceTarget(all, sig);
        if (target == null) return;
        int k = target.next();
        TableInfo info;
        try {
            info = describe.apply(target.database(), target.name());
        } catch (RuntimeException unknown) {
            return;
        }
        if (info == null || info.view()) return;
        refuseWithoutPrimaryKey(info);
        // the column list: ( a, b, … ) right after the table (a row's parenthesis follows VALUES)
        if (k >= sig.size() || !all.get(sig.get(k)).isSymbol("(")) return;
        if (k + 1 < sig.size() && all.get(sig.get(k + 1)).is("SELECT")) return;
        int close = MySqlToH2.matchingParen(all, sig, k);
        if (close < 0) return;
        Set<String> named = new HashSet<>();
        for (int c = k + 1; c < close; c++) {
            Token t = all.get(sig.get(c));
            if (t.isIdentifier() && !(c + 1 < close && all.get(sig.get(c + 1)).isSymbol("."))) {
                named.add(t.value().toLowerCase(Locale.ROOT));
            }
        }
        // a column the server wrote in for the engine (an AUTO_INCREMENT value it generated)
        String inserted = query.insertionBefore(sig.get(close));
        List<String> missing = new ArrayList<>();
        for (TableInfo.ColumnInfo c : info.columns()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            if (named.contains(name)) continue;
            if (inserted != null && inserted.toLowerCase(Locale.ROOT).contains("`" + name.replace("`", "``") + "`")) continue;
            missing.add(c.name());
        }
        if (missing.isEmpty()) return;
        int after = close + 1;
        if (after >= sig.size()) return;
        StringBuilder columns = new StringBuilder();
        for (String name : missing) columns.append(", ").append(MySqlToH2.quoteIdent(name));
        boolean emptyList = close == k + 1;
        if (all.get(sig.get(after)).isSymbol("(")) throw unionRefused();
        if (all.get(sig.get(after)).is("SELECT")) {
            completeSelect(all, sig, append, info, missing, after, close, emptyList ? columns.substring(2) : columns.toString());
            return;
        }
        if (!(all.get(sig.get(after)).is("VALUES") || all.get(sig.get(after)).is("VALUE"))) return;
        StringBuilder defaults = new StringBuilder();
        for (int i = 0; i < missing.size(); i++) defaults.append(", DEFAULT");
        append.merge(sig.get(close - 1), emptyList ? columns.substring(2) : columns.toString(), String::concat);
        for (int s = after + 1; s < sig.size(); s++) {
            if (!all.get(sig.get(s)).isSymbol("(")) break;
            int rowClose = MySqlToH2.matchingParen(all, sig, s);
            if (rowClose < 0) return;
            boolean emptyRow = rowClose == s + 1;
            append.merge(sig.get(rowClose - 1), emptyRow ? defaults.substring(2) : defaults.toString(), String::concat);
            s = rowClose + 1;
            if (s >= sig.size() || !all.get(sig.get(s)).isSymbol(",")) break;
        }
    }

    /** Where a SELECT's list of items ends: the first of these words outside parentheses. */
    private static final Set<String> AFTER_ITEMS = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "WINDOW",
            "ORDER", "LIMIT", "PROCEDURE", "FOR", "LOCK");

    /**
     * {@code REPLACE INTO t (a, b) SELECT …}: each column the list leaves out is named after it,
     * its default added as a last item of the SELECT. A UNION of SELECTs (or one in parentheses),
     * which takes no item of its own, is refused; a left-out AUTO_INCREMENT column leaves the
     * statement as it is (the engine's REPLACE then meets rows by no key of the list).
     */
    private static void completeSelect(List<Token> all, List<Integer> sig, Map<Integer, String> append, TableInfo info,
                                       List<String> missing, int select, int close, String columns) {
        int end = -1;
        int depth = 0;
        for (int s = select + 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("UNION")) throw unionRefused();
            else if (depth == 0 && t.isSymbol(";")) break;
            else if (depth == 0 && end < 0 && t.type() == TokenType.WORD
                    && AFTER_ITEMS.contains(t.text().toUpperCase(Locale.ROOT))) {
                end = s;
            }
        }
        if (end < 0) end = sig.size();
        StringBuilder defaults = new StringBuilder();
        for (String name : missing) {
            TableInfo.ColumnInfo c = info.columns().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            if (c.extra().contains("auto_increment")) return;
            // a NOT NULL column without a default: 1364, as for an INSERT leaving it out
            defaults.append(", ").append(DefaultCalls.value(c));
        }
        append.merge(sig.get(close - 1), columns, String::concat);
        append.merge(sig.get(end - 1), defaults.toString(), String::concat);
    }

    private static io.minisqld.server.error.SqlError unionRefused() {
        return ErrorCode.ER_NOT_SUPPORTED_YET.error(
                "REPLACE ... SELECT of a UNION or a parenthesized SELECT naming fewer columns than the table has");
    }
}
