package io.minisqld.server.statements;

import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/** The tokens of a statement outside any parentheses: its own clauses, not a subquery's or a list's. */
final class TopLevelTokens {
    private TopLevelTokens() {
    }

    /** Indexes (in {@code tokens}) of the significant tokens at parenthesis depth 0, parentheses excluded. */
    static List<Integer> of(List<Token> tokens) {
        List<Integer> out = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.SPACE) continue;
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0) out.add(i);
        }
        return out;
    }

    /** Whether a top-level token is the word {@code keyword}. */
    static boolean has(List<Token> tokens, String keyword) {
        for (int i : of(tokens)) {
            if (tokens.get(i).is(keyword)) return true;
        }
        return false;
    }

    /** The index just after the statement's last significant token, a trailing ';' left out. */
    static int end(List<Token> tokens) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.type() != TokenType.SPACE && !t.isSymbol(";")) return i + 1;
        }
        return 0;
    }
}
