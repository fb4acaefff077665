package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;

/** The stored-routine statements (see {@link RoutineStatement}). */
final class RoutineParser {
    private RoutineParser() {
    }

    /** True for the statements this parser reads. */
    static boolean handles(List<Token> t) {
        if (t.isEmpty()) return false;
        Token first = t.get(0);
        if (first.is("CALL")) return true;
        if (t.size() < 3) return false;
        if (first.is("SHOW") && t.get(1).is("CREATE")) return routineWord(t.get(2));
        if (first.is("DROP")) return routineWord(t.get(1));
        if (!first.is("CREATE")) return false;
        // CREATE [DEFINER = user] PROCEDURE | FUNCTION (not CREATE FUNCTION … SONAME, a plugin's UDF)
        int k = 1;
        if (t.get(k).is("DEFINER")) {
            k++;
            if (k < t.size() && t.get(k).isSymbol("=")) k++;
            k = afterUser(t, k);
        }
        return k < t.size() && routineWord(t.get(k));
    }

    private static boolean routineWord(Token t) {
        return t.is("PROCEDURE") || t.is("FUNCTION");
    }

    /** The index after a user name at {@code k}: name[@host] or CURRENT_USER[()]. */
    private static int afterUser(List<Token> t, int k) {
        if (k >= t.size()) return k;
        if (t.get(k).is("CURRENT_USER")) {
            k++;
            if (k + 1 < t.size() && t.get(k).isSymbol("(") && t.get(k + 1).isSymbol(")")) k += 2;
            return k;
        }
        k++;
        if (k < t.size() && t.get(k).type() == io.minisqld.server.sql.TokenType.USER_VAR) return k + 1;
        if (k < t.size() && t.get(k).isSymbol("@")) k += 2;
        return k;
    }

    static RoutineStatement parse(StatementText text) {
        TokenCursor c = text.cursor();
        Token first = c.next();
        if (first.is("CALL")) {
            String[] name = name(c);
            List<String> args = new ArrayList<>();
            List<Boolean> markers = new ArrayList<>();
            if (c.acceptSymbol("(")) {
                if (!c.acceptSymbol(")")) {
                    int depth = 0;
                    List<Token> arg = new ArrayList<>();
                    while (true) {
                        Token t = c.next();
                        if (t == null) throw c.syntaxError();
                        if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                            if (arg.isEmpty()) throw c.syntaxErrorAt(t);
                            args.add(text.source().substring(arg.get(0).start(), arg.get(arg.size() - 1).end()));
                            markers.add(arg.size() == 1 && text.isBound(arg.get(0)));
                            arg.clear();
                            if (t.isSymbol(")")) break;
                            continue;
                        }
                        if (t.isSymbol("(")) depth++;
                        else if (t.isSymbol(")")) depth--;
                        arg.add(t);
                    }
                }
            }
            c.expectEnd();
            return new RoutineStatement.Call(name[0], name[1], args, markers);
        }
        if (first.is("SHOW")) {
            c.expect("CREATE");
            boolean function = c.next().is("FUNCTION");
            String[] name = name(c);
            c.expectEnd();
            return new RoutineStatement.ShowCreate(function, name[0], name[1]);
        }
        if (first.is("DROP")) {
            boolean function = c.next().is("FUNCTION");
            boolean ifExists = c.acceptAll("IF", "EXISTS");
            String[] name = name(c);
            c.expectEnd();
            return new RoutineStatement.Drop(function, ifExists, name[0], name[1]);
        }
        String[] definer = null;
        if (c.accept("DEFINER")) {
            c.acceptSymbol("=");
            definer = definer(c);
        }
        boolean function = c.next().is("FUNCTION");
        String[] name = name(c);
        Token open = c.peek();
        if (open == null || !open.isSymbol("(")) throw c.syntaxError();
        return new RoutineStatement.Create(function, name[0], name[1], definer, open.start());
    }

    /** DEFINER's user: {user, host}, or null for CURRENT_USER. */
    private static String[] definer(TokenCursor c) {
        if (c.accept("CURRENT_USER")) {
            if (c.acceptSymbol("(")) c.expectSymbol(")");
            return null;
        }
        String user = c.stringOrIdentifier();
        Token at = c.peek();
        if (at != null && at.type() == io.minisqld.server.sql.TokenType.USER_VAR) {
            // the lexer reads @host (or @'host') after the user as a user variable
            c.next();
            return new String[] {user, at.value()};
        }
        if (c.acceptSymbol("@")) return new String[] {user, c.stringOrIdentifier()};
        return new String[] {user, "%"};
    }

    /** [db.]name: {database or null, name}. */
    private static String[] name(TokenCursor c) {
        String first = c.identifier();
        if (c.acceptSymbol(".")) return new String[] {first, c.identifier()};
        return new String[] {null, first};
    }
}
