package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds {@link SqlSpan}s and finds the {@link ServerValue}s inside them. */
final class Spans {
    /** The functions whose value only the server knows, called with no argument. */
    private static final Set<String> FUNCTIONS = Set.of("VERSION", "DATABASE", "SCHEMA", "USER", "SESSION_USER",
            "SYSTEM_USER", "CURRENT_USER", "CONNECTION_ID", "LAST_INSERT_ID", "UNIX_TIMESTAMP", "ROW_COUNT", "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME",
            "FOUND_ROWS");

    /**
     * The server's functions of literal arguments (evaluated before the statement runs, as the
     * values they stand for): replication waits, user-level locks, VALIDATE_PASSWORD_STRENGTH.
     */
    private static final Set<String> ARGUMENT_FUNCTIONS = Set.of("MASTER_POS_WAIT", "SOURCE_POS_WAIT", "GET_LOCK",
            "RELEASE_LOCK", "IS_FREE_LOCK", "IS_USED_LOCK", "RELEASE_ALL_LOCKS", "VALIDATE_PASSWORD_STRENGTH",
            "WAIT_FOR_EXECUTED_GTID_SET", "WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS");

    /** The name of a {@link #ARGUMENT_FUNCTIONS} call whose arguments are not all literals. */
    static final String NOT_LITERAL = "NOT_LITERAL:";

    private Spans() {
    }

    /** The span of significant tokens [{@code fromSig}, {@code toSig}) with the blanks between them. */
    static SqlSpan of(StatementText text, int fromSig, int toSig) {
        int from = text.tokenIndex(fromSig);
        int to = text.tokenIndex(toSig - 1) + 1;
        return new SqlSpan(text, from, to, serverValues(text, fromSig, toSig));
    }

    /** The whole statement. */
    static SqlSpan whole(StatementText text) {
        if (text.significant().isEmpty()) return new SqlSpan(text, 0, text.tokens().size(), List.of());
        return new SqlSpan(text, 0, text.tokens().size(), serverValues(text, 0, text.significant().size()));
    }

    /** Where a CREATE TRIGGER's body starts (after FOR EACH ROW); the end of any other statement. */
    private static int triggerBodyStart(List<Token> sig) {
        if (sig.isEmpty() || !sig.get(0).is("CREATE")) return sig.size();
        boolean trigger = false;
        for (int i = 1; i < sig.size() && i < 16 && !trigger; i++) {
            if (sig.get(i).is("TABLE") || sig.get(i).is("VIEW") || sig.get(i).is("PROCEDURE")
                    || sig.get(i).is("FUNCTION") || sig.get(i).is("EVENT") || sig.get(i).is("INDEX")) {
                return sig.size();
            }
            trigger = sig.get(i).is("TRIGGER");
        }
        if (!trigger) return sig.size();
        for (int i = 0; i + 2 < sig.size(); i++) {
            if (sig.get(i).is("FOR") && sig.get(i + 1).is("EACH") && sig.get(i + 2).is("ROW")) return i + 3;
        }
        return sig.size();
    }

    /** The server values among significant tokens [fromSig, toSig). */
    private static List<ServerValue> serverValues(StatementText text, int fromSig, int toSig) {
        List<Token> sig = text.significant();
        List<ServerValue> out = new ArrayList<>();
        Set<String> assigned = io.minisqld.server.sql.QueryAssignments.assigned(sig);
        // a trigger's body keeps its variables and functions: it reads them when it fires (the
        // binlog's CREATE TRIGGER had the values of the moment it was made written in)
        toSig = Math.min(toSig, triggerBodyStart(sig));
        for (int i = fromSig; i < toSig; i++) {
            Token t = sig.get(i);
            if (t.type() == TokenType.SYSTEM_VAR) {
                int k = text.tokenIndex(i);
                out.add(new ServerValue(ServerValue.Kind.SYSTEM_VARIABLE, k, k, t.value()));
            } else if (t.type() == TokenType.USER_VAR && !(i + 1 < toSig && sig.get(i + 1).isSymbol(":="))
                    && !assigned.contains(t.value().toLowerCase(java.util.Locale.ROOT))) {
                // @x := expr assigns inside an expression: the engine does that, not the server; a
                // query's reads of a variable it assigns are the engine's too (row by row)
                int k = text.tokenIndex(i);
                out.add(new ServerValue(ServerValue.Kind.USER_VARIABLE, k, k, t.value()));
            } else if (t.type() == TokenType.WORD && FUNCTIONS.contains(t.upper()) && i + 2 < toSig
                    && sig.get(i + 1).isSymbol("(") && sig.get(i + 2).isSymbol(")")
                    && (i == 0 || !sig.get(i - 1).isSymbol("."))) {
                out.add(new ServerValue(ServerValue.Kind.FUNCTION, text.tokenIndex(i), text.tokenIndex(i + 2),
                        t.upper()));
                i += 2;
            } else if (t.type() == TokenType.WORD && i + 1 < toSig && sig.get(i + 1).isSymbol("(")
                    && (i == 0 || !sig.get(i - 1).isSymbol(".")) && ARGUMENT_FUNCTIONS.contains(t.upper())) {
                List<String> arguments = new ArrayList<>();
                int close = literalArguments(sig, i + 2, toSig, arguments);
                if (close < 0) {
                    // the server evaluates these before the statement runs, so it needs their values
                    int k = text.tokenIndex(i);
                    out.add(new ServerValue(ServerValue.Kind.FUNCTION, k, k, NOT_LITERAL + t.upper()));
                    continue;
                }
                out.add(new ServerValue(ServerValue.Kind.FUNCTION, text.tokenIndex(i), text.tokenIndex(close),
                        t.is("SOURCE_POS_WAIT") ? "MASTER_POS_WAIT" : t.upper(), arguments));
                i = close;
            } else if (t.is("CURRENT_USER") && !(i + 1 < sig.size() && sig.get(i + 1).isSymbol("("))) {
                int k = text.tokenIndex(i);
                out.add(new ServerValue(ServerValue.Kind.FUNCTION, k, k, "CURRENT_USER"));
            }
        }
        return out;
    }

    /**
     * Reads a list of literal arguments starting at {@code from} (after the "("): each a string, a
     * number with its sign, or NULL (null in {@code out}).
     *
     * @return the sig index of the closing ")", or -1 when an argument is anything else
     */
    private static int literalArguments(List<Token> sig, int from, int toSig, List<String> out) {
        if (from < toSig && sig.get(from).isSymbol(")")) return from;
        int k = from;
        while (k < toSig) {
            Token a = sig.get(k);
            String sign = "";
            if ((a.isSymbol("-") || a.isSymbol("+")) && k + 1 < toSig && sig.get(k + 1).type() == TokenType.NUMBER) {
                sign = a.isSymbol("-") ? "-" : "";
                a = sig.get(++k);
            }
            if (a.type() == TokenType.STRING) out.add(a.value());
            else if (a.type() == TokenType.NUMBER) out.add(sign + a.text());
            else if (a.is("NULL")) out.add(null);
            else return -1;
            if (k + 1 >= toSig) return -1;
            Token after = sig.get(k + 1);
            if (after.isSymbol(")")) return k + 1;
            if (!after.isSymbol(",")) return -1;
            k += 2;
        }
        return -1;
    }
}
