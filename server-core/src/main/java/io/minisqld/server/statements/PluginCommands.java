package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.plugin.PluginInfo;
import io.minisqld.server.plugin.PluginRegistry;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.PluginStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * INSTALL / UNINSTALL PLUGIN | SONAME and SHOW PLUGINS: checks the mysql.plugin privileges
 * (1142: INSERT for INSTALL, DELETE for UNINSTALL, spec §A.2–A.3) and hands over to the
 * {@link PluginRegistry}. INSTALL and UNINSTALL commit implicitly, as in MySQL 5.7.
 */
final class PluginCommands {
    private final ServerContext server;
    private final Transactions transactions;

    PluginCommands(ServerContext server, Transactions transactions) {
        this.server = server;
        this.transactions = transactions;
    }

    void register(DispatchTable table) {
        table.register(PluginStatement.Install.class, (s, st, t) -> {
                    PluginRegistry r = change(s, true);
                    r.install(st.name(), st.soname(), st.ifNotExists(), notes(s));
                    return OkResult.EMPTY;
                })
                .register(PluginStatement.InstallSoname.class, (s, st, t) -> {
                    change(s, true).installSoname(st.soname(), notes(s));
                    return OkResult.EMPTY;
                })
                .register(PluginStatement.Uninstall.class, (s, st, t) -> {
                    change(s, false).uninstall(st.name(), st.ifExists(), notes(s));
                    return OkResult.EMPTY;
                })
                .register(PluginStatement.UninstallSoname.class, (s, st, t) -> {
                    change(s, false).uninstallSoname(st.soname(), st.ifExists(), notes(s));
                    return OkResult.EMPTY;
                })
                .register(PluginStatement.Show.class, (Session s, PluginStatement.Show st, StatementText t) -> show());
    }

    /** The registry, after the implicit commit and the privilege check of INSTALL / UNINSTALL. */
    private PluginRegistry change(Session s, boolean install) {
        PluginRegistry registry = registry();
        transactions.implicitCommit(s);
        Privilege p = install ? Privilege.INSERT : Privilege.DELETE;
        if (!server.accounts().has(s.account(), p, "mysql", "plugin")) {
            throw ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(install ? "INSERT" : "DELETE", s.user(),
                    s.account().clientHost(), "plugin");
        }
        return registry;
    }

    private PluginRegistry registry() {
        if (server.plugins() == null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("plugins");
        return server.plugins();
    }

    /** SHOW PLUGINS: Name, Status, Type, Library, License (spec §B.1). */
    private RowsResult show() {
        List<List<?>> out = new ArrayList<>();
        for (PluginInfo p : registry().plugins()) {
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
}
