package io.minisqld.server.statements;

import io.minisqld.server.session.Session;
import io.minisqld.server.sql.Lexer;
import io.minisqld.server.sql.SelectItems;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.server.variables.VariableValues;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces what only the server knows by literals before a statement goes to the engine:
 * {@code @@variables}, {@code @user_variables} and the functions VERSION(), DATABASE(), USER(),
 * CURRENT_USER(), CONNECTION_ID(), LAST_INSERT_ID(), UNIX_TIMESTAMP(). A replaced item of the
 * top-level select list keeps MySQL's label (its text as typed) through an alias.
 */
final class Substituter {
    private static final Set<String> FUNCTIONS = Set.of("VERSION", "DATABASE", "SCHEMA", "USER", "SESSION_USER",
            "SYSTEM_USER", "CURRENT_USER", "CONNECTION_ID", "LAST_INSERT_ID", "UNIX_TIMESTAMP");

    private final SystemVariables variables;
    private final String version;

    Substituter(SystemVariables variables, String version) {
        this.variables = variables;
        this.version = version;
    }

    /** The statement with server values substituted, or {@code sql} itself if nothing needed it. */
    String substitute(Session session, String sql) {
        List<Token> sig = Lexer.significant(sql);
        List<SelectItems.Item> items = SelectItems.of(sig);
        StringBuilder out = null;
        int copied = 0;
        int itemIndex = 0;
        boolean itemTouched = false;
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            String literal = null;
            int last = i;
            if (t.type() == TokenType.SYSTEM_VAR) {
                literal = literal(systemVariable(session, t.value()));
            } else if (t.type() == TokenType.USER_VAR && !(i + 1 < sig.size() && sig.get(i + 1).isSymbol(":="))) {
                literal = literal(session.userVariables().get(t.value().toLowerCase(Locale.ROOT)));
            } else if (t.type() == TokenType.WORD && FUNCTIONS.contains(t.upper())
                    && i + 2 < sig.size() && sig.get(i + 1).isSymbol("(") && sig.get(i + 2).isSymbol(")")
                    && (i == 0 || !sig.get(i - 1).isSymbol("."))) {
                literal = literal(function(session, t.upper()));
                last = i + 2;
            } else if (t.is("CURRENT_USER") && !(i + 1 < sig.size() && sig.get(i + 1).isSymbol("("))) {
                literal = literal(function(session, "CURRENT_USER"));
            }
            if (literal != null) {
                if (out == null) out = new StringBuilder(sql.length() + 32);
                out.append(sql, copied, t.start()).append(literal);
                copied = sig.get(last).end();
                itemTouched = true;
            }
            i = last;
            // after the last token of a select item: give a replaced, unaliased item its MySQL label
            while (itemIndex < items.size() && items.get(itemIndex).last() <= i) {
                SelectItems.Item item = items.get(itemIndex++);
                if (itemTouched && !item.aliased() && out != null) {
                    out.append(sql, copied, sig.get(item.last()).end()).append(" AS `")
                            .append(SelectItems.text(sql, sig, item).replace("`", "``")).append('`');
                    copied = sig.get(item.last()).end();
                }
                itemTouched = false;
            }
        }
        if (out == null) return sql;
        out.append(sql, copied, sql.length());
        return out.toString();
    }

    Object systemVariable(Session session, String text) {
        String name = text;
        SystemVariables.Requested scope = SystemVariables.Requested.DEFAULT;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("global.")) {
            scope = SystemVariables.Requested.GLOBAL;
            name = text.substring(7);
        } else if (lower.startsWith("session.")) {
            scope = SystemVariables.Requested.SESSION;
            name = text.substring(8);
        } else if (lower.startsWith("local.")) {
            scope = SystemVariables.Requested.SESSION;
            name = text.substring(6);
        }
        if (name.equalsIgnoreCase("warning_count")) return (long) session.warningCount();
        if (name.equalsIgnoreCase("error_count")) {
            return session.warnings().stream().filter(w -> w.level().equals("Error")).count();
        }
        if (name.equalsIgnoreCase("identity") || name.equalsIgnoreCase("last_insert_id")) {
            return session.lastInsertId();
        }
        return VariableValues.selectValue(variables.get(name, scope, session.variables()));
    }

    Object function(Session session, String name) {
        return switch (name) {
            case "VERSION" -> version;
            case "DATABASE", "SCHEMA" -> session.database();
            case "USER", "SESSION_USER", "SYSTEM_USER" -> session.user() + "@" + session.account().clientHost();
            case "CURRENT_USER" -> session.account().name().user() + "@" + session.account().name().host();
            case "CONNECTION_ID" -> session.id();
            case "LAST_INSERT_ID" -> session.lastInsertId();
            case "UNIX_TIMESTAMP" -> System.currentTimeMillis() / 1000;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A value as a MySQL literal. */
    static String literal(Object value) {
        if (value == null) return "NULL";
        if (value instanceof Boolean b) return b ? "1" : "0";
        if (value instanceof Long || value instanceof Integer) return value.toString();
        if (value instanceof Double d) return VariableValues.formatDouble(d);
        StringBuilder sb = new StringBuilder("'");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '\'' -> sb.append("''");
                case '\\' -> sb.append("\\\\");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
