package io.minisqld.server.sql;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.ParameterValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement as the client sent it, lexed once: its text and its tokens. Every later reader
 * (the parser, the privilege check, the engine's translation, the binlog) works on these tokens;
 * none lexes the text again.
 *
 * <p>Token offsets are offsets in {@link #source()}, the whole query the statement came from (a
 * COM_QUERY with several statements is lexed as one), and the statement is the range
 * [{@link #begin()}, {@link #end()}) of it. A syntax error quotes the statement from the offending
 * token to the statement's end and counts lines from the statement's start, as MySQL does.
 */
public final class StatementText {
    private final String source;
    private final int begin;
    private final int end;
    private final List<Token> tokens;
    private final List<Token> significant;
    /** For each significant token, its index in {@link #tokens}. */
    private final int[] significantIndex;
    /** The literal tokens {@link #withParameters} put in place of markers: a bound value each. */
    private java.util.Set<Token> bound = java.util.Set.of();

    /**
     * @param tokens every token of the range, blanks and comments included, in order
     */
    StatementText(String source, int begin, int end, List<Token> tokens) {
        this.source = source;
        this.begin = begin;
        this.end = end;
        this.tokens = List.copyOf(tokens);
        List<Token> sig = new ArrayList<>(tokens.size());
        int[] index = new int[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() != TokenType.SPACE) {
                index[sig.size()] = i;
                sig.add(t);
            }
        }
        // a trailing ';' (or several) ends the statement but belongs to none of its clauses
        int n = sig.size();
        while (n > 0 && sig.get(n - 1).isSymbol(";")) n--;
        this.significant = List.copyOf(sig.subList(0, n));
        this.significantIndex = java.util.Arrays.copyOf(index, n);
    }

    /** The whole query this statement is part of; token offsets point into it. */
    public String source() {
        return source;
    }

    public int begin() {
        return begin;
    }

    public int end() {
        return end;
    }

    /** How many {@code ?} markers the statement has. */
    public int parameterCount() {
        int n = 0;
        for (Token t : significant) {
            if (t.type() == TokenType.PARAM) n++;
        }
        return n;
    }

    /**
     * The statement with its {@code ?} markers replaced, in order, by {@code values} as literal
     * tokens (a string as MySQL quotes it, {@code _binary} before a binary one, {@code -} and a
     * number for a negative number), and a text made of the tokens' texts: what MySQL's prepared
     * statement logs and shows. Nothing is lexed again; the new tokens carry their values.
     *
     * @throws IllegalArgumentException when the number of values is not {@link #parameterCount()}
     */
    public StatementText withParameters(java.util.List<ParameterValue> values) {
        if (values.size() != parameterCount()) {
            throw new IllegalArgumentException(values.size() + " values for " + parameterCount() + " markers");
        }
        StringBuilder text = new StringBuilder(end - begin + values.size() * 8);
        List<Token> out = new ArrayList<>(tokens.size() + values.size());
        java.util.Set<Token> literals = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int next = 0;
        for (Token t : tokens) {
            if (t.type() != TokenType.PARAM) {
                out.add(new Token(t.type(), t.text(), t.value(), text.length()));
                text.append(t.text());
                continue;
            }
            ParameterValue v = values.get(next++);
            if (v instanceof ParameterValue.Null) {
                literals.add(add(out, text, TokenType.WORD, "NULL", "NULL"));
            } else if (v instanceof ParameterValue.Number n) {
                String digits = n.text();
                if (digits.startsWith("-")) {
                    // a sign and a number, as MySQL's lexer reads them; not one bound value for the engine
                    add(out, text, TokenType.SYMBOL, "-", "-");
                    add(out, text, TokenType.NUMBER, digits.substring(1), digits.substring(1));
                } else {
                    literals.add(add(out, text, TokenType.NUMBER, digits, digits));
                }
            } else {
                ParameterValue.Text s = (ParameterValue.Text) v;
                if (s.binary()) add(out, text, TokenType.INTRODUCER, "_binary", "binary");
                literals.add(add(out, text, TokenType.STRING, quote(s.value()), s.value()));
            }
        }
        StatementText bound = new StatementText(text.toString(), 0, text.length(), out);
        bound.bound = literals;
        return bound;
    }

    /**
     * True for a literal token that stands for a prepared statement's bound value (see
     * {@link #withParameters}): an engine may pass it as a parameter of its own prepared statement,
     * so that each execution runs the same engine statement.
     */
    public boolean isBound(Token t) {
        return bound.contains(t);
    }

    private static Token add(List<Token> out, StringBuilder text, TokenType type, String tokenText, String value) {
        Token t = new Token(type, tokenText, value, text.length());
        out.add(t);
        text.append(tokenText);
        return t;
    }

    /**
     * {@code value} as a MySQL string literal: a quote doubled; NUL, newline, return, Ctrl-Z and
     * backslash escaped as MySQL's own escaping writes them. The one quoting the server writes SQL with.
     */
    public static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\0' -> b.append("\\0");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\u001A' -> b.append("\\Z");
                case '\'' -> b.append("''");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /** The statement's text as the client sent it. */
    public String text() {
        return source.substring(begin, end);
    }

    /** Every token, blanks and comments included: the text can be rebuilt from them. */
    public List<Token> tokens() {
        return tokens;
    }

    /** The tokens a parser looks at: no blanks or comments, no trailing ';'. */
    public List<Token> significant() {
        return significant;
    }

    /** True when the statement has nothing but blanks, comments and ';'. */
    public boolean isEmpty() {
        return significant.isEmpty();
    }

    /** The text of significant tokens [{@code from}, {@code to}), as typed. */
    public String text(int from, int to) {
        if (from >= to) return "";
        return source.substring(significant.get(from).start(), significant.get(to - 1).end());
    }

    /**
     * The statement as typed from its first significant token to its last, with the closings of
     * the version comments it opened ({@code /*!40100 … *}{@code /}): what a binary log records, so
     * that a replica parses the same statement.
     */
    public String loggedText() {
        if (significant.isEmpty()) return "";
        int first = significantIndex[0];
        int last = significantIndex[significant.size() - 1];
        // the version comments opened after the first significant token and still open at the last
        int open = 0;
        for (int k = first; k <= last; k++) {
            Token t = tokens.get(k);
            if (t.type() != TokenType.SPACE) continue;
            if (t.text().startsWith("/*!")) open++;
            else if (t.text().equals("*/") && open > 0) open--;
        }
        int stop = significant.get(significant.size() - 1).end();
        for (int k = last + 1; k < tokens.size() && open > 0; k++) {
            Token t = tokens.get(k);
            if (t.type() == TokenType.SPACE && t.text().equals("*/")) {
                stop = t.start() + 2;
                open--;
            }
        }
        return source.substring(significant.get(0).start(), stop);
    }

    /** The text from significant token {@code from} to the statement's end, stripped. */
    public String rest(int from) {
        if (from >= significant.size()) return "";
        return source.substring(significant.get(from).start(), end).strip();
    }

    /** The index in {@link #tokens()} of significant token {@code sigIndex}. */
    public int tokenIndex(int sigIndex) {
        return significantIndex[sigIndex];
    }

    /** A new cursor over the significant tokens. */
    public TokenCursor cursor() {
        return new TokenCursor(this);
    }

    /**
     * MySQL's 1064 at significant token {@code sigIndex} (the statement's end when past the last):
     * "near '…'" quotes at most 80 characters from there, "at line n" counts from the start.
     */
    public SqlError syntaxErrorAt(int sigIndex) {
        int offset = sigIndex < significant.size() ? significant.get(sigIndex).start() : end;
        return syntaxErrorAtOffset(offset);
    }

    /** MySQL's 1064 at a character offset of {@link #source()}. */
    public SqlError syntaxErrorAtOffset(int offset) {
        int at = Math.max(begin, Math.min(offset, end));
        String near = source.substring(at, end);
        if (near.length() > 80) near = near.substring(0, 80);
        return ErrorCode.ER_PARSE_ERROR.error(near, lineOf(at));
    }

    /** The line (from 1, counted from the statement's start) of a character offset. */
    public int lineOf(int offset) {
        int line = 1;
        for (int i = begin; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') line++;
        }
        return line;
    }

    @Override
    public String toString() {
        return text();
    }
}
