package io.minisqld.server.sql;

import io.minisqld.server.error.SqlError;
import java.util.List;

/**
 * A cursor over one statement's significant tokens, for the server's small parsers; anything
 * unexpected is MySQL's 1064 quoting the statement from the offending token.
 */
public final class TokenCursor {
    private final StatementText text;
    private final List<Token> tokens;
    private int pos;

    TokenCursor(StatementText text) {
        this.text = text;
        this.tokens = text.significant();
    }

    public StatementText text() {
        return text;
    }

    public boolean atEnd() {
        return pos >= tokens.size();
    }

    /** The current token, or null at the end. */
    public Token peek() {
        return peek(0);
    }

    /** The token {@code ahead} places after the current one, or null past the end. */
    public Token peek(int ahead) {
        return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
    }

    public Token next() {
        if (pos >= tokens.size()) throw syntaxError();
        return tokens.get(pos++);
    }

    /** The index of the current token among the significant tokens. */
    public int position() {
        return pos;
    }

    public void reset(int position) {
        pos = position;
    }

    public boolean accept(String keyword) {
        Token t = peek();
        if (t != null && t.is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Accepts the words in sequence, or none of them. */
    public boolean acceptAll(String... words) {
        if (pos + words.length > tokens.size()) return false;
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(pos + i).is(words[i])) return false;
        }
        pos += words.length;
        return true;
    }

    public boolean acceptSymbol(String symbol) {
        Token t = peek();
        if (t != null && t.isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(String keyword) {
        if (!accept(keyword)) throw syntaxError();
    }

    public void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) throw syntaxError();
    }

    public void expectEnd() {
        if (!atEnd()) throw syntaxError();
    }

    /** An identifier, quoted or not; its name without quotes. */
    public String identifier() {
        Token t = peek();
        if (t == null || !t.isIdentifier()) throw syntaxError();
        pos++;
        return t.value();
    }

    /** A string literal's value (a character set introducer before it is passed over). */
    public String string() {
        if (peek() != null && peek().type() == TokenType.INTRODUCER) pos++;
        Token t = peek();
        if (t == null || t.type() != TokenType.STRING) throw syntaxError();
        pos++;
        return t.value();
    }

    /** A string literal's value, or an identifier's name (MySQL accepts both in many places). */
    public String stringOrIdentifier() {
        if (peek() != null && peek().type() == TokenType.INTRODUCER) pos++;
        Token t = peek();
        if (t == null || !(t.type() == TokenType.STRING || t.isIdentifier())) throw syntaxError();
        pos++;
        return t.value();
    }

    /** An unsigned integer literal within [min, max]. */
    public long number(long min, long max) {
        Token t = peek();
        if (t == null || t.type() != TokenType.NUMBER || !t.text().matches("[0-9]+")) throw syntaxError();
        long v;
        try {
            v = Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw syntaxError();
        }
        if (v < min || v > max) throw syntaxError();
        pos++;
        return v;
    }

    /** A number literal, optionally negative, as a double. */
    public double decimal() {
        int start = pos;
        boolean negative = acceptSymbol("-");
        Token t = peek();
        if (t == null || t.type() != TokenType.NUMBER) throw syntaxError();
        pos++;
        double v;
        try {
            v = Double.parseDouble(t.text());
        } catch (NumberFormatException e) {
            pos = start;
            throw syntaxError();
        }
        return negative ? -v : v;
    }

    /** The text from the current token to the statement's end. */
    public String rest() {
        return text.rest(pos);
    }

    /** MySQL's 1064 at the current token. */
    public SqlError syntaxError() {
        return text.syntaxErrorAt(pos);
    }

    /** MySQL's 1064 at {@code t}, a token of this statement. */
    public SqlError syntaxErrorAt(Token t) {
        int i = tokens.indexOf(t);
        return text.syntaxErrorAt(i < 0 ? pos : i);
    }
}
