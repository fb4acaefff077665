package io.minisqld.server.sql;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL's lexical rules: quoting, escapes, comments and executable comments. Executable comments
 * {@code /*!NNNNN … *}{@code /} are opened (their content becomes ordinary tokens) when NNNNN is
 * at most this server's version (5.7.44 = 50744), as MySQL does; {@code /*M! … *}{@code /} is a
 * MariaDB-only comment that MySQL skips.
 */
final class Lexer {
    /** The version executable comments are compared with. */
    static final int SERVER_VERSION_ID = 50744;

    private final String sql;
    private final boolean ansiQuotes;
    private final boolean noBackslashEscapes;
    private final List<Token> out = new ArrayList<>();
    private int pos;

    private Lexer(String sql, boolean ansiQuotes, boolean noBackslashEscapes) {
        this.sql = sql;
        this.ansiQuotes = ansiQuotes;
        this.noBackslashEscapes = noBackslashEscapes;
    }

    /** All tokens, including SPACE tokens, so that the text can be rebuilt exactly. */
    static List<Token> tokenize(String sql) {
        Lexer lexer = new Lexer(sql, false, false);
        lexer.run(0, sql.length());
        return lexer.out;
    }

    private void run(int from, int to) {
        pos = from;
        while (pos < to) {
            char c = sql.charAt(pos);
            int start = pos;
            if (Character.isWhitespace(c)) {
                while (pos < to && Character.isWhitespace(sql.charAt(pos))) pos++;
                add(TokenType.SPACE, start, null);
            } else if (c == '#' || (c == '-' && startsWith("--", to) && (pos + 2 >= to || isSpaceOrControl(sql.charAt(pos + 2))))) {
                while (pos < to && sql.charAt(pos) != '\n') pos++;
                add(TokenType.SPACE, start, null);
            } else if (c == '/' && startsWith("/*", to)) {
                comment(to);
            } else if (c == '\'' || (c == '"' && !ansiQuotes)) {
                add(TokenType.STRING, start, string(c, to));
            } else if (c == '`' || (c == '"')) {
                add(TokenType.QUOTED_IDENT, start, quotedIdent(c, to));
            } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && pos + 1 < to && sql.charAt(pos + 1) == '\'') {
                pos += 2;
                while (pos < to && sql.charAt(pos) != '\'') pos++;
                if (pos >= to) throw unterminated(start);
                pos++;
                add(TokenType.HEX, start, null);
            } else if ((c == 'N' || c == 'n') && pos + 1 < to && sql.charAt(pos + 1) == '\'') {
                pos++;
                add(TokenType.STRING, start, string('\'', to));
            } else if (c == '_' && charsetIntroducer(to)) {
                // _binary 'text' / _utf8mb4'text': the introducer is a token of its own, naming the
                // character set of the literal that follows (with or without blanks between them)
                pos++;
                while (pos < to && isIdentChar(sql.charAt(pos))) pos++;
                add(TokenType.INTRODUCER, start, sql.substring(start + 1, pos));
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < to && Character.isDigit(sql.charAt(pos + 1))
                    && !previousIsIdentifier())) {
                number(to);
                String text = sql.substring(start, pos);
                add(text.startsWith("0x") || text.startsWith("0b") ? TokenType.HEX : wordIfIdentifier(text), start, null);
            } else if (c == '@') {
                variable(to);
            } else if (isIdentChar(c)) {
                while (pos < to && isIdentChar(sql.charAt(pos))) pos++;
                add(TokenType.WORD, start, null);
            } else if (c == '?') {
                pos++;
                add(TokenType.PARAM, start, null);
            } else {
                symbol(to);
            }
        }
    }

    /** {@code _charset} followed, after any blanks, by a string or hexadecimal literal. */
    private boolean charsetIntroducer(int to) {
        int q = pos + 1;
        while (q < to && isIdentChar(sql.charAt(q))) q++;
        // any of MySQL's character set names makes an introducer (whether this server speaks it is decided later)
        if (q == pos + 1 || !MysqlCharset.isMysqlName(sql.substring(pos + 1, q))) {
            return false;
        }
        while (q < to && Character.isWhitespace(sql.charAt(q))) q++;
        if (q >= to) return false;
        char n = sql.charAt(q);
        return n == '\'' || n == '"' || ((n == 'x' || n == 'X' || n == 'b' || n == 'B') && q + 1 < to
                && sql.charAt(q + 1) == '\'') || (n == '0' && q + 1 < to && (sql.charAt(q + 1) == 'x'
                || sql.charAt(q + 1) == 'b'));
    }

    private boolean previousIsIdentifier() {
        for (int i = out.size() - 1; i >= 0; i--) {
            Token t = out.get(i);
            if (t.type() == TokenType.SPACE) return false;
            return t.isIdentifier();
        }
        return false;
    }

    private static TokenType wordIfIdentifier(String text) {
        // 1abc is an identifier in MySQL; 1e5 and 12 are numbers
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isLetter(ch) && ch != 'e' && ch != 'E') return TokenType.WORD;
        }
        return TokenType.NUMBER;
    }

    private void number(int to) {
        if (startsWith("0x", to) || startsWith("0b", to)) {
            pos += 2;
            while (pos < to && isIdentChar(sql.charAt(pos))) pos++;
            return;
        }
        while (pos < to && Character.isDigit(sql.charAt(pos))) pos++;
        if (pos < to && sql.charAt(pos) == '.') {
            pos++;
            while (pos < to && Character.isDigit(sql.charAt(pos))) pos++;
        }
        if (pos < to && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < to && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) pos++;
            if (pos < to && Character.isDigit(sql.charAt(pos))) {
                while (pos < to && Character.isDigit(sql.charAt(pos))) pos++;
            } else {
                pos = save;
            }
        }
        // identifiers may start with digits: 1abc
        while (pos < to && isIdentChar(sql.charAt(pos))) pos++;
    }

    private void variable(int to) {
        int start = pos;
        if (startsWith("@@", to)) {
            pos += 2;
            while (pos < to && (isIdentChar(sql.charAt(pos)) || sql.charAt(pos) == '.')) pos++;
            add(TokenType.SYSTEM_VAR, start, sql.substring(start + 2, pos));
            return;
        }
        pos++;
        if (pos < to && (sql.charAt(pos) == '\'' || sql.charAt(pos) == '"')) {
            String name = string(sql.charAt(pos), to);
            add(TokenType.USER_VAR, start, name);
        } else if (pos < to && sql.charAt(pos) == '`') {
            String name = quotedIdent('`', to);
            add(TokenType.USER_VAR, start, name);
        } else {
            while (pos < to && (isIdentChar(sql.charAt(pos)) || sql.charAt(pos) == '.')) pos++;
            add(TokenType.USER_VAR, start, sql.substring(start + 1, pos));
        }
    }

    private void comment(int to) {
        int start = pos;
        int close = sql.indexOf("*/", pos + 2);
        if (close < 0 || close + 2 > to) throw unterminated(start);
        if (pos + 2 < to && sql.charAt(pos + 2) == '!') {
            int p = pos + 3;
            int digits = p;
            while (digits < close && Character.isDigit(sql.charAt(digits))) digits++;
            boolean open = true;
            if (digits - p == 5 || digits - p == 6) {
                open = Integer.parseInt(sql.substring(p, digits)) <= SERVER_VERSION_ID;
            } else {
                digits = p;
            }
            if (open) {
                out.add(new Token(TokenType.SPACE, sql.substring(start, digits), null, start));
                int end = close;
                Lexer inner = new Lexer(sql, ansiQuotes, noBackslashEscapes);
                inner.run(digits, end);
                out.addAll(inner.out);
                out.add(new Token(TokenType.SPACE, "*/", null, close));
                pos = close + 2;
                return;
            }
        }
        pos = close + 2;
        add(TokenType.SPACE, start, null);
    }

    private String string(char quote, int to) {
        return quoted(quote, to, !noBackslashEscapes);
    }

    private String quotedIdent(char quote, int to) {
        return quoted(quote, to, false);
    }

    /** The text between {@code quote}s, a doubled quote standing for one; backslash escapes in strings only. */
    private String quoted(char quote, int to, boolean backslashEscapes) {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= to) throw unterminated(start);
            char ch = sql.charAt(pos);
            if (ch == quote) {
                if (pos + 1 < to && sql.charAt(pos + 1) == quote) {
                    value.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return value.toString();
            }
            if (ch == '\\' && backslashEscapes && pos + 1 < to) {
                appendEscape(value, sql.charAt(pos + 1));
                pos += 2;
                continue;
            }
            value.append(ch);
            pos++;
        }
    }

    private static void appendEscape(StringBuilder value, char e) {
        switch (e) {
            case '0' -> value.append('\0');
            case 'b' -> value.append('\b');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'Z' -> value.append('\u001a');
            // \% and \_ keep their backslash: they are LIKE escapes
            case '%', '_' -> value.append('\\').append(e);
            default -> value.append(e);
        }
    }

    private static final String[] SYMBOLS = {"<=>", "<<", ">>", "<=", ">=", "<>", "!=", ":=", "||", "&&", "->>", "->"};

    private void symbol(int to) {
        int start = pos;
        for (String s : SYMBOLS) {
            if (startsWith(s, to)) {
                pos += s.length();
                add(TokenType.SYMBOL, start, null);
                return;
            }
        }
        pos++;
        add(TokenType.SYMBOL, start, null);
    }

    private boolean startsWith(String s, int to) {
        return pos + s.length() <= to && sql.startsWith(s, pos);
    }

    private static boolean isSpaceOrControl(char c) {
        return c <= ' ';
    }

    static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    private void add(TokenType type, int start, String value) {
        String text = sql.substring(start, pos);
        out.add(new Token(type, text, value == null ? text : value, start));
    }

    private io.minisqld.server.error.SqlError unterminated(int start) {
        String near = sql.substring(start, Math.min(sql.length(), start + 80));
        return ErrorCode.ER_PARSE_ERROR.error(near, lineOf(start));
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') line++;
        }
        return line;
    }
}
