package io.minisqld.server.sql;

import java.util.Locale;

/**
 * One lexical token of a statement.
 *
 * @param text  the token as it stands in the statement
 * @param value the meaning: a name without its quotes, a string with escapes decoded
 * @param start offset of the first character in the statement text
 */
public record Token(TokenType type, String text, String value, int start) {

    public int end() {
        return start + text.length();
    }

    /** True for a word that equals {@code keyword} ignoring case (quoted identifiers never match). */
    public boolean is(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    /** An identifier, quoted or not. */
    public boolean isIdentifier() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
    }

    public String upper() {
        return value.toUpperCase(Locale.ROOT);
    }
}
