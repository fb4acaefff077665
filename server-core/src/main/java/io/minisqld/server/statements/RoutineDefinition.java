package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A stored procedure as CREATE PROCEDURE defined it: its parameters, characteristics and body,
 * read from the statement's text from the parameter list on. {@link #showCreate()} is the text
 * MySQL 5.7 prints in SHOW CREATE PROCEDURE and writes to the binary log.
 */
record RoutineDefinition(boolean function, String database, String name, String definerUser, String definerHost,
                         List<Parameter> parameters, String parameterText, String returns, String body,
                         boolean deterministic, String dataAccess, String security, String comment, String sqlMode) {

    /** IN, OUT or INOUT, the name, and the type as written. */
    record Parameter(String mode, String name, String type) {
        boolean in() {
            return !mode.equals("OUT");
        }

        boolean out() {
            return !mode.equals("IN");
        }
    }

    private static final Set<String> MODES = Set.of("IN", "OUT", "INOUT");

    /**
     * Reads the part of CREATE PROCEDURE that starts at its parameter list's "(".
     *
     * @param text the statement's text from that "(" to its end
     */
    static RoutineDefinition parse(QueryLexer lexer, boolean function, String database, String name,
                                   String definerUser, String definerHost, String text, String sqlMode) {
        StatementText st = lexer.statement(text);
        List<Token> sig = st.significant();
        int k = 0;
        if (sig.isEmpty() || !sig.get(0).isSymbol("(")) throw st.syntaxErrorAt(0);
        int close = matching(sig, 0, st);
        List<Parameter> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int from = 1;
        for (int i = 1; i <= close; i++) {
            if (i == close || (sig.get(i).isSymbol(",") && depth(sig, from, i) == 0)) {
                if (i == close && from == close) break;
                if (from >= i) throw st.syntaxErrorAt(i);
                int p = from;
                String mode = "IN";
                // a function's parameters are IN without saying so (a mode is a syntax error)
                if (!function && MODES.contains(sig.get(p).upper()) && p + 1 < i) mode = sig.get(p++).upper();
                if (!sig.get(p).isIdentifier() || p + 1 >= i) throw st.syntaxErrorAt(p);
                String pname = sig.get(p).value();
                if (!names.add(pname.toLowerCase(Locale.ROOT))) throw ErrorCode.ER_SP_DUP_PARAM.error(pname);
                String type = text.substring(sig.get(p + 1).start(), sig.get(i - 1).end()).strip();
                params.add(new Parameter(mode, pname, type));
                from = i + 1;
            }
        }
        String parameterText = text.substring(sig.get(0).end(), sig.get(close).start());
        k = close + 1;
        String returns = "";
        if (function) {
            if (k >= sig.size() || !sig.get(k).is("RETURNS")) throw st.syntaxErrorAt(k);
            int typeFrom = ++k;
            // the type: a word, its (length), then UNSIGNED, ZEROFILL, CHARSET x, COLLATE x, BINARY
            if (k >= sig.size()) throw st.syntaxErrorAt(k);
            k++;
            if (k < sig.size() && sig.get(k).isSymbol("(")) k = matching(sig, k, st) + 1;
            while (k < sig.size()) {
                Token t = sig.get(k);
                if (t.is("UNSIGNED") || t.is("SIGNED") || t.is("ZEROFILL") || t.is("BINARY")) {
                    k++;
                } else if ((t.is("CHARSET") || t.is("COLLATE")) && k + 1 < sig.size()) {
                    k += 2;
                } else if (t.is("CHARACTER") && k + 2 < sig.size() && sig.get(k + 1).is("SET")) {
                    k += 3;
                } else {
                    break;
                }
            }
            returns = text.substring(sig.get(typeFrom).start(), sig.get(k - 1).end());
        }
        boolean deterministic = false;
        String access = "CONTAINS SQL";
        String security = "DEFINER";
        String comment = "";
        while (k < sig.size()) {
            Token t = sig.get(k);
            if (t.is("COMMENT") && k + 1 < sig.size()) {
                comment = sig.get(k + 1).value();
                k += 2;
            } else if (t.is("LANGUAGE") && k + 1 < sig.size() && sig.get(k + 1).is("SQL")) {
                k += 2;
            } else if (t.is("DETERMINISTIC")) {
                deterministic = true;
                k++;
            } else if (t.is("NOT") && k + 1 < sig.size() && sig.get(k + 1).is("DETERMINISTIC")) {
                deterministic = false;
                k += 2;
            } else if (t.is("CONTAINS") && k + 1 < sig.size() && sig.get(k + 1).is("SQL")) {
                access = "CONTAINS SQL";
                k += 2;
            } else if (t.is("NO") && k + 1 < sig.size() && sig.get(k + 1).is("SQL")) {
                access = "NO SQL";
                k += 2;
            } else if ((t.is("READS") || t.is("MODIFIES")) && k + 2 < sig.size() && sig.get(k + 1).is("SQL")
                    && sig.get(k + 2).is("DATA")) {
                access = t.upper() + " SQL DATA";
                k += 3;
            } else if (t.is("SQL") && k + 2 < sig.size() && sig.get(k + 1).is("SECURITY")
                    && (sig.get(k + 2).is("DEFINER") || sig.get(k + 2).is("INVOKER"))) {
                security = sig.get(k + 2).upper();
                k += 3;
            } else {
                break;
            }
        }
        if (k >= sig.size()) throw st.syntaxErrorAt(k);
        String body = text.substring(sig.get(k).start(), sig.get(sig.size() - 1).end()).strip();
        return new RoutineDefinition(function, database, name, definerUser, definerHost, List.copyOf(params),
                parameterText, returns, body, deterministic, access, security, comment, sqlMode);
    }

    private static int matching(List<Token> sig, int open, StatementText st) {
        int depth = 0;
        for (int i = open; i < sig.size(); i++) {
            if (sig.get(i).isSymbol("(")) depth++;
            else if (sig.get(i).isSymbol(")") && --depth == 0) return i;
        }
        throw st.syntaxErrorAt(sig.size());
    }

    private static int depth(List<Token> sig, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (sig.get(i).isSymbol("(")) depth++;
            else if (sig.get(i).isSymbol(")")) depth--;
        }
        return depth;
    }

    /** The definer as MySQL shows it: `user`@`host`. */
    String definer() {
        return definerUser + "@" + definerHost;
    }

    /** PROCEDURE or FUNCTION. */
    String kind() {
        return function ? "FUNCTION" : "PROCEDURE";
    }

    /** SHOW CREATE PROCEDURE | FUNCTION's text, which is also what the binary log records. */
    String showCreate() {
        StringBuilder b = new StringBuilder("CREATE DEFINER=").append(quote(definerUser)).append('@')
                .append(quote(definerHost)).append(' ').append(kind()).append(' ').append(quote(name)).append('(')
                .append(parameterText).append(')');
        if (function) b.append(" RETURNS ").append(returns);
        b.append('\n');
        if (!dataAccess.equals("CONTAINS SQL")) b.append("    ").append(dataAccess).append('\n');
        if (deterministic) b.append("    DETERMINISTIC\n");
        if (security.equals("INVOKER")) b.append("    SQL SECURITY INVOKER\n");
        if (!comment.isEmpty()) b.append("    COMMENT ").append(StatementText.quote(comment)).append('\n');
        return b.append(body).toString();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
