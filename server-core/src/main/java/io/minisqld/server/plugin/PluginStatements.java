package io.minisqld.server.plugin;

import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.auth.Privilege;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.variables.StatusRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plugin statements: {@code INSTALL PLUGIN [IF NOT EXISTS] name SONAME 'lib'},
 * {@code INSTALL SONAME 'lib'}, {@code UNINSTALL PLUGIN [IF EXISTS] name},
 * {@code UNINSTALL SONAME [IF EXISTS] 'lib'} and {@code SHOW PLUGINS}. Parses, checks the
 * mysql.plugin privileges (1142: INSERT for INSTALL, DELETE for UNINSTALL, spec §A.2–A.3) and
 * hands over to the {@link PluginRegistry}.
 */
public final class PluginStatements {
    private final PluginRegistry registry;
    private final AccountStore accounts;
    private final StatusRegistry status;

    public PluginStatements(PluginRegistry registry, AccountStore accounts, StatusRegistry status) {
        this.registry = registry;
        this.accounts = accounts;
        this.status = status;
    }

    /** True for the statements this class runs (the tokens of one statement, without ';'). */
    public static boolean handles(List<Token> tokens) {
        if (tokens.size() < 2) return false;
        Token first = tokens.get(0);
        Token second = tokens.get(1);
        if (first.is("INSTALL") || first.is("UNINSTALL")) return second.is("PLUGIN") || second.is("SONAME");
        return first.is("SHOW") && second.is("PLUGINS");
    }

    /** Runs one plugin statement for {@code s}; {@code sql} is its text, {@code tokens} its significant tokens. */
    public StatementResult execute(Session s, String sql, List<Token> tokens) {
        Cursor c = new Cursor(sql, tokens);
        Token first = c.next();
        if (first.is("SHOW")) {
            c.expect("PLUGINS");
            c.expectEnd();
            status.count(s.status(), "Com_show_plugins", 1);
            return showPlugins();
        }
        boolean install = first.is("INSTALL");
        PluginRegistry.Notes notes = notes(s);
        if (c.accept("SONAME")) {
            boolean ifExists = !install && c.acceptAll("IF", "EXISTS");
            String soname = c.string();
            c.expectEnd();
            count(s, install);
            requirePrivilege(s, install);
            if (install) registry.installSoname(soname, notes);
            else registry.uninstallSoname(soname, ifExists, notes);
            return OkResult.EMPTY;
        }
        c.expect("PLUGIN");
        boolean conditional = install ? c.acceptAll("IF", "NOT", "EXISTS") : c.acceptAll("IF", "EXISTS");
        String name = c.identifier();
        String soname = null;
        if (install) {
            c.expect("SONAME");
            soname = c.string();
        }
        c.expectEnd();
        count(s, install);
        requirePrivilege(s, install);
        if (install) registry.install(name, soname, conditional, notes);
        else registry.uninstall(name, conditional, notes);
        return OkResult.EMPTY;
    }

    private void count(Session s, boolean install) {
        status.count(s.status(), install ? "Com_install_plugin" : "Com_uninstall_plugin", 1);
    }

    private void requirePrivilege(Session s, boolean install) {
        Privilege p = install ? Privilege.INSERT : Privilege.DELETE;
        if (!accounts.has(s.account(), p, "mysql", "plugin")) {
            throw ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(install ? "INSERT" : "DELETE", s.user(),
                    s.account().clientHost(), "plugin");
        }
    }

    /** SHOW PLUGINS: Name, Status, Type, Library, License (spec §B.1). */
    public RowsResult showPlugins() {
        List<List<?>> out = new ArrayList<>();
        for (PluginInfo p : registry.plugins()) {
            out.add(Arrays.asList(p.name(), p.status(), p.type(), p.library(), p.license()));
        }
        return RowsResult.of(List.of(Column.textNotNull("Name"), Column.textNotNull("Status"),
                Column.textNotNull("Type"), Column.text("Library"), Column.text("License")), out);
    }

    private static PluginRegistry.Notes notes(Session s) {
        return new PluginRegistry.Notes() {
            @Override
            public void warn(ErrorCode code, Object... args) {
                s.warn(code, args);
            }

            @Override
            public void note(ErrorCode code, Object... args) {
                s.note(code, args);
            }
        };
    }

    /** A cursor over the statement's tokens with MySQL's 1064 for anything unexpected. */
    private static final class Cursor {
        private final String sql;
        private final List<Token> tokens;
        private int pos;

        Cursor(String sql, List<Token> tokens) {
            this.sql = sql;
            this.tokens = tokens;
        }

        Token next() {
            if (pos >= tokens.size()) throw syntaxError();
            return tokens.get(pos++);
        }

        boolean accept(String word) {
            if (pos < tokens.size() && tokens.get(pos).is(word)) {
                pos++;
                return true;
            }
            return false;
        }

        /** Accepts the words in sequence, or none of them. */
        boolean acceptAll(String... words) {
            if (pos + words.length > tokens.size()) return false;
            for (int i = 0; i < words.length; i++) {
                if (!tokens.get(pos + i).is(words[i])) return false;
            }
            pos += words.length;
            return true;
        }

        void expect(String word) {
            if (!accept(word)) throw syntaxError();
        }

        String identifier() {
            if (pos < tokens.size() && tokens.get(pos).isIdentifier()) return tokens.get(pos++).value();
            throw syntaxError();
        }

        String string() {
            if (pos < tokens.size() && tokens.get(pos).type() == TokenType.STRING) return tokens.get(pos++).value();
            throw syntaxError();
        }

        void expectEnd() {
            if (pos < tokens.size()) throw syntaxError();
        }

        /** MySQL's 1064, quoting the statement from the offending token. */
        SqlError syntaxError() {
            int offset = pos < tokens.size() ? tokens.get(pos).start() : sql.length();
            String near = sql.substring(Math.min(offset, sql.length()));
            if (near.length() > 80) near = near.substring(0, 80);
            int line = 1;
            for (int i = 0; i < offset && i < sql.length(); i++) {
                if (sql.charAt(i) == '\n') line++;
            }
            return ErrorCode.ER_PARSE_ERROR.error(near, line);
        }
    }
}
