package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import java.util.List;

/** INSTALL / UNINSTALL PLUGIN | SONAME and SHOW PLUGINS (see {@link PluginStatement}). */
final class PluginParser {
    private PluginParser() {
    }

    /** True for the statements this parser reads. */
    static boolean handles(List<Token> t) {
        if (t.size() < 2) return false;
        Token first = t.get(0);
        Token second = t.get(1);
        if (first.is("INSTALL") || first.is("UNINSTALL")) return second.is("PLUGIN") || second.is("SONAME");
        return first.is("SHOW") && second.is("PLUGINS");
    }

    static PluginStatement parse(StatementText text) {
        TokenCursor c = text.cursor();
        Token first = c.next();
        if (first.is("SHOW")) {
            c.expect("PLUGINS");
            c.expectEnd();
            return new PluginStatement.Show();
        }
        boolean install = first.is("INSTALL");
        if (c.accept("SONAME")) {
            boolean ifExists = !install && c.acceptAll("IF", "EXISTS");
            String soname = c.string();
            c.expectEnd();
            return install ? new PluginStatement.InstallSoname(soname) : new PluginStatement.UninstallSoname(soname, ifExists);
        }
        c.expect("PLUGIN");
        boolean conditional = install ? c.acceptAll("IF", "NOT", "EXISTS") : c.acceptAll("IF", "EXISTS");
        String name = c.identifier();
        if (!install) {
            c.expectEnd();
            return new PluginStatement.Uninstall(name, conditional);
        }
        c.expect("SONAME");
        String soname = c.string();
        c.expectEnd();
        return new PluginStatement.Install(name, soname, conditional);
    }
}
