package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.SetStatement.Assignment;
import io.minisqld.server.sql.statement.SetStatement.Characteristic;
import io.minisqld.server.sql.statement.SetStatement.Scope;
import io.minisqld.server.sql.statement.SetStatement.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SET in all its forms (see {@link SetStatement}). */
final class SetParser {
    private SetParser() {
    }

    static SetStatement parse(StatementText text) {
        TokenCursor c = text.cursor();
        c.expect("SET");
        Scope scope = Scope.SESSION;
        boolean scoped = false;
        List<Assignment> out = new ArrayList<>();
        do {
            if (c.accept("GLOBAL")) {
                scope = Scope.GLOBAL;
                scoped = true;
            } else if (c.accept("SESSION") || c.accept("LOCAL")) {
                scope = Scope.SESSION;
                scoped = true;
            }
            Token t = c.peek();
            if (t == null) throw c.syntaxError();
            if (t.is("NAMES")) {
                c.next();
                String cs = c.accept("DEFAULT") ? null : c.stringOrIdentifier();
                String collation = c.accept("COLLATE") ? c.stringOrIdentifier() : null;
                out.add(new SetStatement.Names(cs, collation));
            } else if (t.is("CHARACTER") || t.is("CHARSET")) {
                c.next();
                if (t.is("CHARACTER")) c.expect("SET");
                out.add(new SetStatement.CharacterSet(c.accept("DEFAULT") ? null : c.stringOrIdentifier()));
            } else if (t.is("TRANSACTION")) {
                c.next();
                out.add(new SetStatement.Transaction(scoped ? scope : null, characteristics(c)));
            } else if (t.type() == TokenType.USER_VAR) {
                c.next();
                assignmentOperator(c);
                out.add(new SetStatement.UserVariable(t.value(), value(c)));
            } else if (t.type() == TokenType.SYSTEM_VAR) {
                c.next();
                String name = t.value();
                Scope varScope = Scope.SESSION;
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("global.")) {
                    varScope = Scope.GLOBAL;
                    name = name.substring(7);
                } else if (lower.startsWith("session.")) {
                    name = name.substring(8);
                } else if (lower.startsWith("local.")) {
                    name = name.substring(6);
                }
                assignmentOperator(c);
                out.add(new SetStatement.SystemVariable(varScope, name, value(c)));
            } else if (t.isIdentifier()) {
                String name = c.identifier();
                if (c.acceptSymbol(".")) {
                    // SET component.var: no components here, so the name is unknown (1193)
                    name = name + "." + c.identifier();
                }
                assignmentOperator(c);
                out.add(new SetStatement.SystemVariable(scope, name, value(c)));
            } else {
                throw c.syntaxError();
            }
        } while (c.acceptSymbol(","));
        c.expectEnd();
        return new SetStatement(out);
    }

    private static void assignmentOperator(TokenCursor c) {
        if (!c.acceptSymbol("=")) c.expectSymbol(":=");
    }

    private static List<Characteristic> characteristics(TokenCursor c) {
        List<Characteristic> out = new ArrayList<>();
        do {
            if (c.accept("ISOLATION")) {
                c.expect("LEVEL");
                String level;
                if (c.accept("REPEATABLE")) {
                    c.expect("READ");
                    level = "REPEATABLE-READ";
                } else if (c.accept("SERIALIZABLE")) {
                    level = "SERIALIZABLE";
                } else {
                    c.expect("READ");
                    if (c.accept("COMMITTED")) {
                        level = "READ-COMMITTED";
                    } else {
                        c.expect("UNCOMMITTED");
                        level = "READ-UNCOMMITTED";
                    }
                }
                out.add(new Characteristic("transaction_isolation", level));
            } else {
                c.expect("READ");
                boolean readOnly = c.accept("ONLY");
                if (!readOnly) c.expect("WRITE");
                out.add(new Characteristic("transaction_read_only", readOnly ? "ON" : "OFF"));
            }
        } while (c.acceptSymbol(","));
        return out;
    }

    /** The right-hand side up to the next top-level comma. */
    private static Value value(TokenCursor c) {
        int start = c.position();
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.isSymbol(",")) break;
            c.next();
        }
        int end = c.position();
        if (end == start) throw c.syntaxError();
        List<Token> sig = c.text().significant();
        if (end - start == 1) {
            Token t = sig.get(start);
            switch (t.type()) {
                case NUMBER -> {
                    return new SetStatement.NumberValue(t.text());
                }
                case STRING -> {
                    return new SetStatement.TextValue(t.value());
                }
                case WORD -> {
                    if (t.is("DEFAULT")) return new SetStatement.DefaultValue();
                    if (t.is("NULL")) return new SetStatement.NullValue();
                    return new SetStatement.WordValue(t.value());
                }
                case QUOTED_IDENT -> {
                    return new SetStatement.WordValue(t.value());
                }
                case SYSTEM_VAR -> {
                    return new SetStatement.SystemVariableValue(t.value());
                }
                case USER_VAR -> {
                    return new SetStatement.UserVariableValue(t.value());
                }
                default -> { }
            }
        }
        if (end - start == 2 && sig.get(start).isSymbol("-") && sig.get(start + 1).type() == TokenType.NUMBER) {
            return new SetStatement.NumberValue("-" + sig.get(start + 1).text());
        }
        return new SetStatement.ExpressionValue(Spans.of(c.text(), start, end));
    }
}
