package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * MySQL's {@code DEFAULT(col)} (12.19 "Miscellaneous Functions"): the column's default value, in a
 * query or in {@code ON DUPLICATE KEY UPDATE c = DEFAULT(c)}; NULL for a nullable column without
 * one, 1364 "Field 'c' doesn't have a default value" for a NOT NULL one. The engine has no such
 * function (1064): the call becomes the value, read from the table's description.
 */
final class DefaultCalls {
    private DefaultCalls() {
    }

    /**
     * Replaces the call whose DEFAULT is at sig index {@code s} (a "(" follows) with the default
     * of the column it names; returns the sig index of its ")", or -1 when it is no call of one
     * column (left as it is).
     */
    static int translate(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace, Set<Integer> drop,
                         BiFunction<String, String, TableInfo> describe) {
        int k = s + 2;
        int end = k;
        while (end + 2 < sig.size() && all.get(sig.get(end)).isIdentifier() && all.get(sig.get(end + 1)).isSymbol(".")) {
            end += 2;
        }
        if (end + 1 >= sig.size() || !all.get(sig.get(end)).isIdentifier() || !all.get(sig.get(end + 1)).isSymbol(")")) {
            return -1;
        }
        String column = all.get(sig.get(end)).value();
        String qualifier = end > k ? all.get(sig.get(end - 2)).value() : null;
        TableInfo.ColumnInfo found = find(all, sig, describe, qualifier, column);
        if (found == null) {
            throw ErrorCode.ER_BAD_FIELD_ERROR.error(qualifier == null ? column : qualifier + "." + column, "field list");
        }
        replace.put(sig.get(s), value(found));
        for (int i = s + 1; i <= end + 1; i++) drop.add(sig.get(i));
        return end + 1;
    }

    private static TableInfo.ColumnInfo find(List<Token> all, List<Integer> sig,
                                             BiFunction<String, String, TableInfo> describe, String qualifier,
                                             String column) {
        for (TableInfo info : JsonCalls.describedTables(all, sig, describe)) {
            if (qualifier != null && !qualifier.equalsIgnoreCase(info.name())) continue;
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (c.name().equalsIgnoreCase(column)) return c;
            }
        }
        return null;
    }

    /** The engine's literal of the column's default. */
    static String value(TableInfo.ColumnInfo c) {
        String v = c.defaultValue();
        String type = c.mysqlType().toLowerCase(Locale.ROOT);
        if (v == null) {
            if (c.nullable() || c.extra().contains("auto_increment")) return "NULL";
            throw ErrorCode.ER_NO_DEFAULT_FOR_FIELD.error(c.name());
        }
        if (v.toUpperCase(Locale.ROOT).startsWith("CURRENT_TIMESTAMP")) {
            return "LOCALTIMESTAMP" + v.substring("CURRENT_TIMESTAMP".length());
        }
        if (type.matches("(tinyint|smallint|mediumint|int|bigint|decimal|float|double).*")
                && v.matches("-?\\d+(\\.\\d+)?(e[+-]?\\d+)?")) {
            return v;
        }
        if (type.startsWith("bit") && v.startsWith("b'")) {
            return new java.math.BigInteger(v.substring(2, v.length() - 1), 2).toString();
        }
        if (type.startsWith("date") && !type.startsWith("datetime")) return "DATE " + MySqlToH2.quote(v);
        if (type.startsWith("datetime") || type.startsWith("timestamp")) return "TIMESTAMP " + MySqlToH2.quote(v);
        if (type.startsWith("time")) return "TIME " + MySqlToH2.quote(v);
        return MySqlToH2.quote(v);
    }
}
