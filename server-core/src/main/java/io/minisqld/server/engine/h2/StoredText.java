package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * A binary string stored into a text column is read as the column's characters, as MySQL converts
 * it: bytes that are no UTF-8 character are strict mode's 1366 "Incorrect string value: '\xFF'
 * for column 's' at row 1". The engine turned each such byte into U+FFFD and stored that without a
 * word ({@code UPDATE t SET s = varbinary_col}, {@code INSERT … VALUES (CONCAT('a', X'FF'))},
 * {@code INSERT INTO t (s) SELECT b FROM u}). Literals are read by the translation already
 * ({@link StringLiterals#hexText}); this wraps the other values that may be binary, a value given
 * to a text column by an UPDATE's SET, ON DUPLICATE KEY UPDATE, an INSERT's VALUES or an INSERT's
 * SELECT, in {@link #ALIAS}: a hex or {@code _binary} literal, a binary column, or a function whose
 * result is a binary string. Other values are left to the engine, and cost nothing here.
 */
final class StoredText {
    static final String ALIAS = "minisqld_stored_text";

    /** Functions whose result is a binary string (of binary arguments, or always). */
    private static final Set<String> BINARY_SOURCES = Set.of("UNHEX", "BINARY", "CAST", "CONVERT", "CHAR",
            "COMPRESS", "UNCOMPRESS", "AES_ENCRYPT", "AES_DECRYPT", "DES_ENCRYPT", "DES_DECRYPT", "ENCODE",
            "DECODE", "RANDOM_BYTES", "FROM_BASE64", "INET6_ATON", "CONCAT", "CONCAT_WS", "SUBSTRING",
            "SUBSTR", "LEFT", "RIGHT", "MID", "REVERSE", "REPLACE", "LPAD", "RPAD", "INSERT", "REPEAT", "TRIM",
            "LTRIM", "RTRIM", "IF", "IFNULL", "COALESCE", "CASE", "GREATEST", "LEAST", "NULLIF", "WEIGHT_STRING");

    private StoredText() {
    }

    /** Wraps the values that may be binary strings stored into the statement's text columns. */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                        BiFunction<String, String, TableInfo> describe) {
        if (sig.isEmpty() || describe == null) return;
        Token first = all.get(sig.get(0));
        if (!first.is("INSERT") && !first.is("REPLACE") && !first.is("UPDATE")) return;
        if (!maybeBinaryAnywhere(all, sig)) return;
        List<int[]> values = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        ArithmeticOperands.storedValues(all, sig, describe, values, targets);
        selectedValues(all, sig, describe, values, targets);
        Map<String, String> types = null;
        for (int i = 0; i < values.size(); i++) {
            int[] v = values.get(i);
            // a literal or parameter (UPDATE t SET c = ?) is no binary value to read: no table looked up
            if (v[1] < v[0] || !anyOperand(all, sig, v[0], v[1])) continue;
            if (types == null) types = JsonCalls.columnTypes(all, sig, describe);
            String type = types.get(targets.get(i).toLowerCase(Locale.ROOT));
            if (type == null || !isText(type) || !maybeBinary(all, sig, v[0], v[1], types)) continue;
            prefix.merge(sig.get(v[0]), "PUBLIC.\"" + ALIAS + "\"(", (old, add) -> add + old);
            close.merge(sig.get(v[1]), ", " + MySqlToH2.quote(targets.get(i)) + ")", String::concat);
        }
    }

    /** CHAR, VARCHAR and the TEXT types (an ENUM or SET reads a number as its member: left to the engine). */
    private static boolean isText(String type) {
        return type.startsWith("char") || type.startsWith("varchar") || type.endsWith("text");
    }

    /** Whether the value at sig [from, to] has a hex literal, an introducer or a name (a column, a call). */
    private static boolean anyOperand(List<Token> all, List<Integer> sig, int from, int to) {
        for (int s = from; s <= to; s++) {
            TokenType type = all.get(sig.get(s)).type();
            if (type == TokenType.HEX || type == TokenType.INTRODUCER || type == TokenType.WORD
                    || type == TokenType.QUOTED_IDENT) {
                return true;
            }
        }
        return false;
    }

    /** Whether the statement has anything that may be binary: a hex literal, an identifier, a call. */
    private static boolean maybeBinaryAnywhere(List<Token> all, List<Integer> sig) {
        for (int s = 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.type() == TokenType.HEX || t.type() == TokenType.INTRODUCER) return true;
            if (t.type() == TokenType.WORD && BINARY_SOURCES.contains(t.upper())) return true;
        }
        // a binary column copied into a text one (SET s = b, INSERT … SELECT b)
        for (int s = 1; s < sig.size(); s++) {
            if (all.get(sig.get(s)).is("SELECT") || all.get(sig.get(s)).isSymbol("=")) return true;
        }
        return false;
    }

    /** Whether the value at sig [from, to] may be a binary string. */
    private static boolean maybeBinary(List<Token> all, List<Integer> sig, int from, int to, Map<String, String> types) {
        for (int s = from; s <= to; s++) {
            Token t = all.get(sig.get(s));
            if (t.type() == TokenType.HEX) return true;
            if (t.type() == TokenType.INTRODUCER && t.value().equalsIgnoreCase("binary")) return true;
            if (t.type() == TokenType.WORD && BINARY_SOURCES.contains(t.upper()) && s + 1 <= to
                    && all.get(sig.get(s + 1)).isSymbol("(")) {
                return true;
            }
            if (t.type() == TokenType.WORD && t.is("BINARY")) return true;
            if (t.isIdentifier() && !(s + 1 <= to && all.get(sig.get(s + 1)).isSymbol("("))) {
                String type = types.get(t.value().toLowerCase(Locale.ROOT));
                if (type != null && (type.startsWith("binary") || type.startsWith("varbinary") || type.endsWith("blob"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** INSERT [INTO] t [(columns)] SELECT items …: each top-level item and the column it fills. */
    private static void selectedValues(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe,
                                       List<int[]> values, List<String> targets) {
        Token first = all.get(sig.get(0));
        if (!first.is("INSERT") && !first.is("REPLACE")) return;
        int select = -1;
        int depth = 0;
        for (int s = 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) {
                // INSERT … (SELECT …): the parenthesis opens the query
                if (s + 1 < sig.size() && all.get(sig.get(s + 1)).is("SELECT") && depth == 0) {
                    select = s + 1;
                    break;
                }
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.is("VALUES")) {
                return;
            } else if (depth == 0 && t.is("SELECT")) {
                select = s;
                break;
            }
        }
        if (select < 2) return;
        // the column list (or the table's columns) the SELECT fills: what stands before it
        List<String> names = ArithmeticOperands.insertColumns(all, sig, select, describe);
        if (names == null) return;
        int s = select + 1;
        while (s < sig.size() && (all.get(sig.get(s)).is("DISTINCT") || all.get(sig.get(s)).is("ALL")
                || all.get(sig.get(s)).is("DISTINCTROW") || MySqlToH2.SELECT_MODIFIERS.contains(all.get(sig.get(s)).upper()))) {
            s++;
        }
        int item = 0;
        int start = s;
        depth = 0;
        for (; ; s++) {
            boolean end = s >= sig.size();
            Token t = end ? null : all.get(sig.get(s));
            if (!end && depth == 0 && (t.is("FROM") || t.is("WHERE") || t.is("GROUP") || t.is("HAVING") || t.is("ORDER")
                    || t.is("LIMIT") || t.is("UNION") || t.is("FOR") || t.is("LOCK") || t.is("ON") || t.isSymbol(")")
                    || t.isSymbol(";"))) {
                end = true;
            }
            if (end || depth == 0 && t.isSymbol(",")) {
                int to = s - 1;
                if (to >= start && all.get(sig.get(to)).isSymbol("*")) return;
                if (SelectLabels.endsWithAlias(all, sig, start, s)) to -= all.get(sig.get(s - 2)).is("AS") ? 2 : 1;
                if (item < names.size() && to >= start) {
                    values.add(new int[] {start, to});
                    targets.add(names.get(item));
                }
                item++;
                if (end) return;
                start = s + 1;
            } else if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
        }
    }

    /**
     * The value stored into text column {@code column}: a binary string's bytes as UTF-8
     * characters, 1366 for bytes that are none; any other value as it is (its text, as the engine
     * makes it).
     */
    public static String storedText(Value v, String column) {
        if (v == ValueNull.INSTANCE) return null;
        int type = v.getValueType();
        if (type != Value.VARBINARY && type != Value.BINARY && type != Value.BLOB) return v.getString();
        String text = MysqlCharset.UTF8MB4.decode(v.getBytesNoCopy());
        if (MysqlCharset.hasEscapedBytes(text)) {
            throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error("string", StringLiterals.wrongBytes(text), column,
                    (long) RowLogTrigger.currentRow());
        }
        return text;
    }
}
