package io.minisqld.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one place a query is lexed: a COM_QUERY (one statement, or several separated by ';' when
 * the client asked for CLIENT_MULTI_STATEMENTS) becomes its statements' {@link StatementText}s in
 * one pass of MySQL's lexical rules. Everything downstream reads tokens, never text.
 *
 * <p>One per server; thread-safe. {@link #passes()} counts the passes, so that a test can show
 * that each statement is lexed once.
 */
public final class QueryLexer {
    private final LongAdder passes = new LongAdder();

    /**
     * The statements of a query. With {@code multiStatements} the query is split at top-level
     * semicolons, each statement stripped of surrounding blanks and empty ones dropped; without,
     * the whole query is one statement (a ';' inside it is the parser's business).
     *
     * @throws io.minisqld.server.error.SqlError 1064 for an unterminated string, identifier or comment
     */
    public List<StatementText> statements(String query, boolean multiStatements) {
        passes.increment();
        List<Token> all = impliedInto(Lexer.tokenize(query));
        if (!multiStatements) return List.of(new StatementText(query, 0, query.length(), all));
        return split(query, all);
    }

    /**
     * A client's text that must be one statement (a query without CLIENT_MULTI_STATEMENTS, a
     * prepared statement): a ';' may end it, but a statement after one is MySQL's 1064 at that
     * statement's first word, and nothing of the text runs (MySQL's grammar takes a ';' only before
     * the end of the input). A CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT body's semicolons are
     * its own.
     *
     * @throws io.minisqld.server.error.SqlError 1064 for a second statement, or as {@link #statements}
     */
    public StatementText single(String query) {
        passes.increment();
        List<Token> all = impliedInto(Lexer.tokenize(query));
        StatementText whole = new StatementText(query, 0, query.length(), all);
        boolean semicolon = false;
        for (Token t : whole.significant()) {
            if (t.isSymbol(";")) {
                semicolon = true;
                break;
            }
        }
        if (semicolon) {
            List<StatementText> parts = split(query, all);
            if (parts.size() > 1) throw whole.syntaxErrorAtOffset(parts.get(1).begin());
        }
        return whole;
    }

    private static List<StatementText> split(String query, List<Token> all) {
        List<StatementText> out = new ArrayList<>();
        int first = 0;
        int depth = 0;
        boolean compound = false;
        boolean atStart = true;
        for (int i = 0; i <= all.size(); i++) {
            if (i < all.size() && all.get(i).type() != TokenType.SPACE) {
                if (atStart) compound = createsCompound(all, i);
                atStart = false;
                if (compound) depth += compoundStep(all, i);
            }
            if (i == all.size() || (all.get(i).isSymbol(";") && depth <= 0)) {
                addIfNotBlank(out, query, all.subList(first, i));
                first = i + 1;
                depth = 0;
                atStart = true;
            }
        }
        return out;
    }

    /**
     * CREATE [DEFINER = user] TRIGGER | PROCEDURE | FUNCTION | EVENT: a statement whose body may be
     * a BEGIN … END block with semicolons of its own.
     */
    private static boolean createsCompound(List<Token> all, int i) {
        if (!all.get(i).is("CREATE")) return false;
        for (int k = i + 1; k < all.size() && k < i + 40; k++) {
            Token t = all.get(k);
            if (t.type() == TokenType.SPACE) continue;
            if (t.is("TRIGGER") || t.is("PROCEDURE") || t.is("FUNCTION") || t.is("EVENT")) return true;
            if (t.is("TABLE") || t.is("VIEW") || t.is("INDEX") || t.is("DATABASE") || t.is("SCHEMA") || t.is("USER")
                    || t.isSymbol(";") || t.isSymbol("(")) {
                return false;
            }
        }
        return false;
    }

    /** BEGIN and CASE open a level; END closes one (END IF / LOOP / WHILE / REPEAT close what opened none). */
    private static int compoundStep(List<Token> all, int i) {
        Token t = all.get(i);
        if (t.is("BEGIN")) return 1;
        if (t.is("CASE")) {
            // END CASE closes a CASE statement: its END counted it
            for (int k = i - 1; k >= 0; k--) {
                if (all.get(k).type() == TokenType.SPACE) continue;
                return all.get(k).is("END") ? 0 : 1;
            }
            return 1;
        }
        if (!t.is("END")) return 0;
        for (int k = i + 1; k < all.size(); k++) {
            Token n = all.get(k);
            if (n.type() == TokenType.SPACE) continue;
            return n.is("IF") || n.is("LOOP") || n.is("WHILE") || n.is("REPEAT") ? 0 : -1;
        }
        return -1;
    }

    /** Words after which a statement starts (a stored program's body has statements after them). */
    private static final java.util.Set<String> STATEMENT_STARTS = java.util.Set.of(";", "BEGIN", "THEN", "ELSE", "DO",
            "LOOP", "REPEAT");

    private static final java.util.Set<String> INSERT_MODIFIERS = java.util.Set.of("LOW_PRIORITY", "DELAYED",
            "HIGH_PRIORITY", "IGNORE");

    /**
     * {@code INSERT [modifiers] t …} and {@code REPLACE [modifiers] t …}: MySQL's INTO is optional;
     * the tokens get it (an INTO, with a blank, before the table's name, neither of which the text
     * has), so that everything downstream reads the one form (the privilege check finds the table,
     * the engine's grammar wants INTO).
     */
    private static List<Token> impliedInto(List<Token> all) {
        List<Token> out = null;
        Token previous = null;
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.type() == TokenType.SPACE) continue;
            boolean starts = previous == null || STATEMENT_STARTS.contains(previous.upper());
            previous = t;
            if (!starts || !(t.is("INSERT") || t.is("REPLACE"))) continue;
            int k = next(all, i + 1);
            while (k < all.size() && INSERT_MODIFIERS.contains(all.get(k).upper())) k = next(all, k + 1);
            if (k >= all.size() || !all.get(k).isIdentifier() || all.get(k).is("INTO")) continue;
            if (out == null) out = new ArrayList<>(all);
            int at = out.indexOf(all.get(k));
            out.add(at, new Token(TokenType.SPACE, " ", " ", all.get(k).start()));
            out.add(at, new Token(TokenType.WORD, "INTO", "INTO", all.get(k).start()));
        }
        return out == null ? all : out;
    }

    private static int next(List<Token> all, int from) {
        int k = from;
        while (k < all.size() && all.get(k).type() == TokenType.SPACE) k++;
        return k;
    }

    /** One statement the server itself composed (an internal query); lexed like a client's. */
    public StatementText statement(String sql) {
        return statements(sql, false).get(0);
    }

    /** How many queries this lexer has lexed. */
    public long passes() {
        return passes.sum();
    }

    /** A statement of blanks and comments only is no statement. */
    private static void addIfNotBlank(List<StatementText> out, String query, List<Token> tokens) {
        int from = 0;
        int to = tokens.size();
        while (from < to && tokens.get(from).type() == TokenType.SPACE && tokens.get(from).text().isBlank()) from++;
        while (to > from && tokens.get(to - 1).type() == TokenType.SPACE && tokens.get(to - 1).text().isBlank()) to--;
        boolean significant = false;
        for (int i = from; i < to; i++) {
            if (tokens.get(i).type() != TokenType.SPACE) significant = true;
        }
        if (!significant) return;
        out.add(new StatementText(query, tokens.get(from).start(), tokens.get(to - 1).end(), tokens.subList(from, to)));
    }
}
