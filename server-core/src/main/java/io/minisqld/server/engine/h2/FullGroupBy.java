package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's refusal, under sql_mode ONLY_FULL_GROUP_BY, of a grouped query's column that is neither
 * grouped nor aggregated: 1055 naming the select item (or ORDER BY item) it is in, 1140 for an
 * aggregated query without GROUP BY. MySQL refuses such a query whatever its rows; the engine finds
 * the column only when a group's rows differ in it (a column that depends on the grouped ones never
 * does, so every query MySQL takes runs), and that is when this error is given.
 */
final class FullGroupBy {
    /** H2's refusal: Column "b" (or "X.b") must be in the GROUP BY list. */
    private static final Pattern COLUMN = Pattern.compile("Column \"((?:[^\"]|\"\")+)\" must be in the GROUP BY list");

    private FullGroupBy() {
    }

    /**
     * The error for the engine's refusal {@code h2Message} of {@code tokens}' query.
     *
     * @param database the session's database, for unqualified tables
     */
    static SqlError error(String h2Message, List<Token> tokens, String database,
                          BiFunction<String, String, TableInfo> describe) {
        Matcher m = COLUMN.matcher(h2Message);
        String named = m.find() ? m.group(1).replace("\"\"", "\"") : "";
        int dot = named.lastIndexOf('.');
        String qualifier = dot < 0 ? null : named.substring(0, dot);
        String column = named.substring(dot + 1);
        List<Token> sig = new ArrayList<>();
        for (Token t : tokens) {
            if (t.type() != io.minisqld.server.sql.TokenType.SPACE) sig.add(t);
        }
        // the top level's clauses: SELECT list, FROM list, GROUP BY, ORDER BY
        int select = -1;
        int from = -1;
        int group = -1;
        int order = -1;
        int fromEnd = sig.size();
        int depth = 0;
        for (int s = 0; s < sig.size(); s++) {
            Token t = sig.get(s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (depth != 0) continue;
            if (select < 0 && t.is("SELECT")) select = s;
            else if (from < 0 && select >= 0 && t.is("FROM")) from = s;
            else if (from >= 0 && fromEnd == sig.size() && (t.is("WHERE") || t.is("GROUP") || t.is("HAVING")
                    || t.is("ORDER") || t.is("LIMIT") || t.is("WINDOW") || t.is("FOR") || t.is("LOCK"))) {
                fromEnd = s;
            }
            if (t.is("GROUP") && s + 1 < sig.size() && sig.get(s + 1).is("BY")) group = s;
            if (t.is("ORDER") && s + 1 < sig.size() && sig.get(s + 1).is("BY")) order = s;
        }
        String full = qualified(sig, from, fromEnd, qualifier, column, database, describe);
        int item = itemWith(sig, select + 1, from >= 0 ? from : sig.size(), qualifier, column);
        if (group < 0) {
            return ErrorCode.ER_MIX_OF_GROUP_FUNC_AND_FIELDS.error(Math.max(1, item), full);
        }
        if (item < 0 && order >= 0) {
            int orderItem = itemWith(sig, order + 2, sig.size(), qualifier, column);
            if (orderItem > 0) return ErrorCode.ER_WRONG_FIELD_WITH_GROUP.error(orderItem, "ORDER BY clause", full);
        }
        return ErrorCode.ER_WRONG_FIELD_WITH_GROUP.error(Math.max(1, item), "SELECT list", full);
    }

    /** The number (from 1) of the comma-separated item of sig [from, to) that names the column; -1 for none. */
    private static int itemWith(List<Token> sig, int from, int to, String qualifier, String column) {
        int item = 1;
        int depth = 0;
        for (int s = from; s < to; s++) {
            Token t = sig.get(s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.isSymbol(",")) item++;
            else if (depth == 0 && (t.is("LIMIT") || t.is("FOR") || t.is("LOCK"))) break;
            else if (t.isIdentifier() && t.value().equalsIgnoreCase(column)
                    && !(s + 1 < sig.size() && sig.get(s + 1).isSymbol("("))
                    && (qualifier == null || s >= 2 && sig.get(s - 1).isSymbol(".")
                    && sig.get(s - 2).value().equalsIgnoreCase(qualifier))) {
                return item;
            }
        }
        return -1;
    }

    /**
     * The column as MySQL names it, {@code db.table.column} (the table's alias where it has one): the
     * FROM list's table the qualifier names (by alias or name), else the first that has the column;
     * the column alone when none does.
     */
    private static String qualified(List<Token> sig, int from, int to, String qualifier, String column,
                                    String database, BiFunction<String, String, TableInfo> describe) {
        if (from < 0) return column;
        for (int s = from + 1; s < to; s++) {
            Token t = sig.get(s);
            boolean starts = sig.get(s - 1).is("FROM") || sig.get(s - 1).is("JOIN") || sig.get(s - 1).isSymbol(",");
            if (!starts || !t.isIdentifier()) continue;
            String db = database;
            String table = t.value();
            int k = s + 1;
            if (k + 1 < to && sig.get(k).isSymbol(".") && sig.get(k + 1).isIdentifier()) {
                db = table;
                table = sig.get(k + 1).value();
                k += 2;
            }
            if (k < to && sig.get(k).is("AS")) k++;
            String alias = k < to && sig.get(k).isIdentifier() && !isClauseWord(sig.get(k)) ? sig.get(k).value() : table;
            if (qualifier != null && !qualifier.equalsIgnoreCase(alias) && !qualifier.equalsIgnoreCase(table)) continue;
            TableInfo info;
            try {
                info = db == null ? null : describe.apply(db, table);
            } catch (SqlError e) {
                info = null;
            }
            if (info == null) continue;
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (c.name().equalsIgnoreCase(column)) {
                    return info.database() + "." + (alias.equals(table) ? info.name() : alias) + "." + c.name();
                }
            }
        }
        return column;
    }

    private static boolean isClauseWord(Token t) {
        return switch (t.value().toUpperCase(Locale.ROOT)) {
            case "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL", "STRAIGHT_JOIN", "ON", "USING", "WHERE", "GROUP",
                 "HAVING", "ORDER", "LIMIT", "FOR", "LOCK", "WINDOW", "UNION", "USE", "FORCE", "IGNORE" -> true;
            default -> false;
        };
    }
}
