package io.minisqld.examples.commitaudit;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.InformationSchemaTable;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.SessionView;
import java.util.List;

/**
 * The {@code COMMIT_AUDIT_LOG_USERS} plugin, an INFORMATION_SCHEMA plugin of the same library
 * (as InnoDB's INNODB_TRX is of InnoDB's): {@code information_schema.COMMIT_AUDIT_LOG_USERS}
 * has a row per account that committed since {@code commit_audit_log} was initialised, with its
 * commits and the rows they changed. Install it on its own ({@code INSTALL PLUGIN
 * COMMIT_AUDIT_LOG_USERS SONAME 'commit_audit_log.so'}); it is empty while commit_audit_log is
 * not installed.
 */
final class CommitAuditLogUsers extends BasicPluginDeclaration {
    private final InformationSchemaTable table;

    CommitAuditLogUsers(UserCommits commits) {
        super("COMMIT_AUDIT_LOG_USERS", PluginType.INFORMATION_SCHEMA, "minisqld",
                "Commits and changed rows per account", PluginLicense.GPL, 0x0100);
        table = new InformationSchemaTable() {
            @Override
            public List<Column> columns() {
                return List.of(new Column("USER", ColumnKind.TEXT), new Column("HOST", ColumnKind.TEXT),
                        new Column("COMMITS", ColumnKind.INTEGER), new Column("ROWS_CHANGED", ColumnKind.INTEGER));
            }

            @Override
            public List<List<Object>> rows(SessionView session) {
                return commits.rows();
            }
        };
    }

    @Override
    public InformationSchemaTable informationSchemaTable() {
        return table;
    }

    @Override
    public void init(PluginContext context) {
        // the table is the server's to show from now on; nothing to start
    }

    @Override
    public void deinit(PluginContext context) {
    }
}
