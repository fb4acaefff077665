package io.minisqld.server.sql;

/** The kinds of token MySQL's lexer distinguishes, as far as this server needs them. */
public enum TokenType {
    /** An unquoted identifier or keyword. */
    WORD,
    /** A `back-quoted` identifier; {@link Token#value()} is the name without quotes. */
    QUOTED_IDENT,
    /** A 'single' or "double" quoted string; {@link Token#value()} has escapes decoded. */
    STRING,
    /** An integer or decimal literal, or one in exponent notation. */
    NUMBER,
    /** X'0A' / 0x0A / B'01' / 0b01 literals. */
    HEX,
    /** {@code @name}, {@code @'name'}, {@code @`name`}; value is the name. */
    USER_VAR,
    /** {@code @@name}, {@code @@global.name}, {@code @@session.name}; value is the text after @@. */
    SYSTEM_VAR,
    /** Operators and punctuation: ( ) , ; . = &lt;= := etc. */
    SYMBOL,
    /** Blanks and comments that are not executable. */
    SPACE,
    /** A question-mark placeholder. */
    PARAM,
    /**
     * A character set introducer ({@code _binary}, {@code _utf8mb4}) before a string or hexadecimal
     * literal; {@link Token#value()} is the character set's name.
     */
    INTRODUCER
}
