package io.minisqld.server.sql;

import java.util.ArrayList;
import java.util.List;

/** Splits a COM_QUERY with CLIENT_MULTI_STATEMENTS into statements at top-level semicolons. */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    /** The statements, trimmed, without empty ones (a trailing ';' adds none). */
    public static List<String> split(String sql) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (Token t : Lexer.tokenize(sql)) {
            if (t.isSymbol(";")) {
                addIfNotBlank(parts, sql.substring(from, t.start()));
                from = t.end();
            }
        }
        addIfNotBlank(parts, sql.substring(from));
        return parts;
    }

    private static void addIfNotBlank(List<String> parts, String s) {
        for (Token t : Lexer.tokenize(s)) {
            if (t.type() != TokenType.SPACE) {
                parts.add(s.strip());
                return;
            }
        }
    }
}
