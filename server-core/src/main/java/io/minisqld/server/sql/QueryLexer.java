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
        List<Token> all = Lexer.tokenize(query);
        if (!multiStatements) return List.of(new StatementText(query, 0, query.length(), all));
        List<StatementText> out = new ArrayList<>();
        int first = 0;
        for (int i = 0; i <= all.size(); i++) {
            if (i == all.size() || all.get(i).isSymbol(";")) {
                addIfNotBlank(out, query, all.subList(first, i));
                first = i + 1;
            }
        }
        return out;
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
