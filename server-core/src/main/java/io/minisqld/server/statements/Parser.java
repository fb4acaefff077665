package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;

/** A cursor over a statement's significant tokens, for the server's own small parsers. */
final class Parser {
    private final String sql;
    private final List<Token> tokens;
    private int pos;

    Parser(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    boolean atEnd() {
        return pos >= tokens.size() || (pos == tokens.size() - 1 && tokens.get(pos).isSymbol(";"));
    }

    Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    Token peek(int ahead) {
        return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
    }

    Token next() {
        if (pos >= tokens.size()) throw syntaxError();
        return tokens.get(pos++);
    }

    /** The number of tokens. */
    int size() {
        return tokens.size();
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    boolean accept(String keyword) {
        Token t = peek();
        if (t != null && t.is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        Token t = peek();
        if (t != null && t.isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String keyword) {
        if (!accept(keyword)) throw syntaxError();
    }

    void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) throw syntaxError();
    }

    /** An identifier, quoted or not; its name without quotes. */
    String identifier() {
        Token t = next();
        if (!t.isIdentifier()) {
            pos--;
            throw syntaxError();
        }
        return t.value();
    }

    /** A string literal's value, or an identifier's name (MySQL accepts both in many places). */
    String stringOrIdentifier() {
        Token t = next();
        if (t.type() == TokenType.STRING || t.isIdentifier()) return t.value();
        pos--;
        throw syntaxError();
    }

    void expectEnd() {
        if (!atEnd()) throw syntaxError();
    }

    /** The statement text from the current token to the end. */
    String rest() {
        if (pos >= tokens.size()) return "";
        return sql.substring(tokens.get(pos).start()).strip();
    }

    /** Text from token index {@code from} (inclusive) to {@code to} (exclusive). */
    String text(int from, int to) {
        if (from >= to) return "";
        return sql.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    /** MySQL's 1064, quoting the statement from the current token as MySQL does. */
    SqlError syntaxError() {
        String near = pos < tokens.size() ? sql.substring(tokens.get(pos).start()) : "";
        int line = 1;
        int offset = pos < tokens.size() ? tokens.get(pos).start() : sql.length();
        for (int i = 0; i < offset; i++) {
            if (sql.charAt(i) == '\n') line++;
        }
        if (near.length() > 80) near = near.substring(0, 80);
        return ErrorCode.ER_PARSE_ERROR.error(near, line);
    }
}
