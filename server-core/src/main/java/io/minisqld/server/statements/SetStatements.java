package io.minisqld.server.statements;

import io.minisqld.server.auth.Privilege;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.variables.SetValue;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * SET in all its forms: system variables with GLOBAL / SESSION / LOCAL / {@code @@} scopes, user
 * variables, NAMES, CHARACTER SET and TRANSACTION, in comma lists. A scope keyword carries over to
 * the following assignments of the list, as in MySQL's grammar.
 */
final class SetStatements {
    private enum Scope { SESSION, GLOBAL }

    private final ServerContext server;
    private final StatementExecutor executor;

    SetStatements(ServerContext server, StatementExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    StatementResult execute(Session s, Parser p) {
        p.expect("SET");
        Scope scope = Scope.SESSION;
        do {
            if (p.accept("GLOBAL")) scope = Scope.GLOBAL;
            else if (p.accept("SESSION") || p.accept("LOCAL")) scope = Scope.SESSION;
            Token t = p.peek();
            if (t == null) throw p.syntaxError();
            if (t.is("NAMES")) {
                p.next();
                names(s, p);
            } else if (t.is("CHARACTER") || t.is("CHARSET")) {
                p.next();
                if (t.is("CHARACTER")) p.expect("SET");
                String cs = p.accept("DEFAULT") ? "utf8mb4" : p.stringOrIdentifier();
                s.variables().set("character_set_client", cs);
                s.variables().set("character_set_results", cs);
                s.variables().set("character_set_connection", s.variables().string("character_set_database"));
            } else if (t.is("TRANSACTION")) {
                p.next();
                transaction(s, p, scope);
            } else if (t.type() == TokenType.USER_VAR) {
                p.next();
                if (!p.acceptSymbol("=")) p.expectSymbol(":=");
                Object v = toJava(value(s, p));
                s.userVariables().put(t.value().toLowerCase(Locale.ROOT), v);
            } else if (t.type() == TokenType.SYSTEM_VAR) {
                p.next();
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
                if (!p.acceptSymbol("=")) p.expectSymbol(":=");
                assign(s, varScope, name, p);
            } else if (t.isIdentifier()) {
                String name = p.identifier();
                if (p.acceptSymbol(".")) {
                    // SET component.var: no components here
                    name = name + "." + p.identifier();
                }
                if (!p.acceptSymbol("=")) p.expectSymbol(":=");
                assign(s, scope, name, p);
            } else {
                throw p.syntaxError();
            }
        } while (p.acceptSymbol(","));
        p.expectEnd();
        return OkResult.EMPTY;
    }

    private void assign(Session s, Scope scope, String name, Parser p) {
        // 1193 before evaluating, as MySQL resolves the name first
        server.variables().spec(name).orElseThrow(() -> ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.error(name));
        SetValue v = value(s, p);
        if (scope == Scope.GLOBAL) {
            executor.requirePrivilege(s, Privilege.SUPER, "SUPER");
            server.variables().setGlobal(name, v, s);
            return;
        }
        boolean wasAutocommit = s.autocommit();
        server.variables().setSession(s.variables(), name, v, s);
        String canonical = server.variables().spec(name).get().name();
        switch (canonical) {
            case "autocommit" -> {
                // turning autocommit on commits the open transaction (MySQL)
                if (!wasAutocommit && s.autocommit() && s.inTransaction()) executor.commit(s);
            }
            case "transaction_isolation" -> {
                if (s.inTransaction()) throw ErrorCode.ER_CANT_CHANGE_TX_CHARACTERISTICS.error();
                s.engine().setIsolationLevel(s.variables().string("transaction_isolation"));
            }
            case "innodb_lock_wait_timeout" -> s.engine().setLockWaitTimeout(s.variables().longValue(canonical));
            default -> { }
        }
    }

    private void names(Session s, Parser p) {
        String cs = p.accept("DEFAULT") ? "utf8mb4" : p.stringOrIdentifier();
        String collation = null;
        if (p.accept("COLLATE")) collation = p.stringOrIdentifier();
        s.variables().set("character_set_client", cs);
        s.variables().set("character_set_connection", cs);
        s.variables().set("character_set_results", cs);
        s.variables().set("collation_connection", collation != null ? collation : defaultCollation(cs));
    }

    private static String defaultCollation(String charset) {
        String cs = charset.toLowerCase(Locale.ROOT);
        return switch (cs) {
            case "latin1" -> "latin1_swedish_ci";
            case "binary" -> "binary";
            case "ascii" -> "ascii_general_ci";
            default -> cs + "_general_ci";
        };
    }

    private void transaction(Session s, Parser p, Scope scope) {
        do {
            if (p.accept("ISOLATION")) {
                p.expect("LEVEL");
                String level;
                if (p.accept("REPEATABLE")) {
                    p.expect("READ");
                    level = "REPEATABLE-READ";
                } else if (p.accept("SERIALIZABLE")) {
                    level = "SERIALIZABLE";
                } else {
                    p.expect("READ");
                    if (p.accept("COMMITTED")) level = "READ-COMMITTED";
                    else {
                        p.expect("UNCOMMITTED");
                        level = "READ-UNCOMMITTED";
                    }
                }
                setCharacteristic(s, scope, "transaction_isolation", level);
            } else {
                p.expect("READ");
                boolean readOnly = p.accept("ONLY");
                if (!readOnly) p.expect("WRITE");
                setCharacteristic(s, scope, "transaction_read_only", readOnly ? "ON" : "OFF");
            }
        } while (p.acceptSymbol(","));
    }

    /**
     * SET [GLOBAL|SESSION] TRANSACTION …; without a scope MySQL changes only the next transaction,
     * which this server treats as the session's setting.
     */
    private void setCharacteristic(Session s, Scope scope, String name, String value) {
        if (scope == Scope.GLOBAL) {
            executor.requirePrivilege(s, Privilege.SUPER, "SUPER");
            server.variables().setGlobal(name, new SetValue.Word(value), s);
            return;
        }
        if (s.inTransaction()) throw ErrorCode.ER_CANT_CHANGE_TX_CHARACTERISTICS.error();
        server.variables().setSession(s.variables(), name, new SetValue.Word(value), s);
        if (name.equals("transaction_isolation")) s.engine().setIsolationLevel(value);
    }

    /** The right-hand side up to the next top-level comma. */
    private SetValue value(Session s, Parser p) {
        int start = p.position();
        int depth = 0;
        while (!p.atEnd()) {
            Token t = p.peek();
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.isSymbol(",")) break;
            p.next();
        }
        int end = p.position();
        if (end == start) throw p.syntaxError();
        if (end - start == 1) {
            p.reset(start);
            Token t = p.next();
            switch (t.type()) {
                case NUMBER -> {
                    return number(t.text());
                }
                case STRING -> {
                    return new SetValue.Text(t.value());
                }
                case WORD -> {
                    if (t.is("DEFAULT")) return new SetValue.Default();
                    if (t.is("NULL")) return new SetValue.Null();
                    return new SetValue.Word(t.value());
                }
                case QUOTED_IDENT -> {
                    return new SetValue.Word(t.value());
                }
                case SYSTEM_VAR -> {
                    return fromJava(executor.substituter().systemVariable(s, t.value()));
                }
                case USER_VAR -> {
                    return fromJava(s.userVariables().get(t.value().toLowerCase(Locale.ROOT)));
                }
                default -> { }
            }
        }
        if (end - start == 2) {
            p.reset(start);
            Token sign = p.next();
            Token num = p.next();
            if (sign.isSymbol("-") && num.type() == TokenType.NUMBER) return number("-" + num.text());
        }
        p.reset(end);
        String expr = p.text(start, end);
        String sql = "SELECT " + executor.substituter().substitute(s, expr);
        RowsResult r = executor.queryInternal(s, sql);
        byte[] b = r.rows().isEmpty() ? null : r.rows().get(0)[0];
        if (b == null) return new SetValue.Null();
        String text = new String(b, StandardCharsets.UTF_8);
        if (r.columns().get(0).type().numeric()) return number(text);
        return new SetValue.Text(text);
    }

    private static SetValue number(String text) {
        try {
            return new SetValue.Int(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return new SetValue.Real(Double.parseDouble(text));
        }
    }

    private static SetValue fromJava(Object v) {
        if (v == null) return new SetValue.Null();
        if (v instanceof Long l) return new SetValue.Int(l);
        if (v instanceof Integer i) return new SetValue.Int(i);
        if (v instanceof Double d) return new SetValue.Real(d);
        if (v instanceof Boolean b) return new SetValue.Int(b ? 1 : 0);
        return new SetValue.Text(v.toString());
    }

    private static Object toJava(SetValue v) {
        if (v instanceof SetValue.Int i) return i.value();
        if (v instanceof SetValue.Real r) return r.value();
        if (v instanceof SetValue.Null) return null;
        return v.display();
    }
}
