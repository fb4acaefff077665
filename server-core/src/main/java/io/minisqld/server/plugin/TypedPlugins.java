package io.minisqld.server.plugin;

import io.minisqld.plugin.api.InformationSchemaTable;
import io.minisqld.plugin.api.PasswordValidator;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.server.auth.PasswordPolicy;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.engine.VirtualTable;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.SessionManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What plugins of MySQL's typed kinds give the server besides observers and variables (plugin
 * API 1.1): a VALIDATE PASSWORD plugin's {@link PasswordValidator}, consulted for new passwords
 * (1819) and by VALIDATE_PASSWORD_STRENGTH(), and an INFORMATION_SCHEMA plugin's table,
 * {@code information_schema.<plugin name>}. Each is checked before the plugin's init, active
 * after a successful one, and gone before its deinit.
 */
public final class TypedPlugins implements PasswordPolicy {
    private final StorageEngine engine;
    private final SessionManager sessions;
    /** The active validators by plugin name, in INSTALL order. Guarded by this. */
    private final Map<String, PasswordValidator> validators = new LinkedHashMap<>();
    /** The information_schema tables plugins added, by plugin name. Guarded by this. */
    private final Map<String, String> tables = new LinkedHashMap<>();

    public TypedPlugins(StorageEngine engine, SessionManager sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    /** Before init: what the plugin's type needs of its declaration; an exception refuses it. */
    synchronized void check(String plugin, PluginDeclaration d) {
        if (d.type() == PluginType.VALIDATE_PASSWORD && d.passwordValidator() == null) {
            throw new IllegalStateException("a VALIDATE PASSWORD plugin gives no PasswordValidator");
        }
        if (d.type() == PluginType.INFORMATION_SCHEMA) {
            InformationSchemaTable t = d.informationSchemaTable();
            if (t == null) throw new IllegalStateException("an INFORMATION SCHEMA plugin gives no InformationSchemaTable");
            if (t.columns().isEmpty()) throw new IllegalStateException("its information_schema table has no columns");
            if (engine.hasVirtualTable(plugin)) {
                throw new IllegalStateException("information_schema." + plugin.toUpperCase(Locale.ROOT) + " exists");
            }
        }
    }

    /** After a successful init. */
    synchronized void activate(String plugin, PluginDeclaration d) {
        if (d.type() == PluginType.VALIDATE_PASSWORD) validators.put(plugin, d.passwordValidator());
        if (d.type() == PluginType.INFORMATION_SCHEMA) {
            String name = plugin.toUpperCase(Locale.ROOT);
            engine.registerVirtualTable(name, new PluginTable(d.informationSchemaTable()));
            tables.put(plugin, name);
        }
    }

    /** Before deinit: nothing of the plugin is used any more. */
    synchronized void deactivate(String plugin) {
        validators.remove(plugin);
        String table = tables.remove(plugin);
        if (table != null) engine.unregisterVirtualTable(table);
    }

    private synchronized List<PasswordValidator> activeValidators() {
        return List.copyOf(validators.values());
    }

    @Override
    public void check(String cleartext) {
        for (PasswordValidator v : activeValidators()) {
            if (!v.validate(cleartext)) throw ErrorCode.ER_NOT_VALID_PASSWORD.error();
        }
    }

    @Override
    public int strength(String cleartext) {
        List<PasswordValidator> active = activeValidators();
        return active.isEmpty() ? 0 : Math.max(0, Math.min(100, active.get(0).strength(cleartext)));
    }

    /** A plugin's table as the engine reads it: BIGINT and VARCHAR columns, rows per query. */
    private final class PluginTable implements VirtualTable {
        private final InformationSchemaTable table;
        private final List<VirtualColumn> columns;

        PluginTable(InformationSchemaTable table) {
            this.table = table;
            List<VirtualColumn> cs = new ArrayList<>();
            for (InformationSchemaTable.Column c : table.columns()) {
                cs.add(new VirtualColumn(c.name(), c.kind() == InformationSchemaTable.ColumnKind.INTEGER));
            }
            this.columns = List.copyOf(cs);
        }

        @Override
        public List<VirtualColumn> columns() {
            return columns;
        }

        @Override
        public List<List<Object>> rows(long sessionId) {
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> row : table.rows(sessions.get(sessionId).map(SessionViews::of).orElse(null))) {
                List<Object> out = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    Object v = i < row.size() ? row.get(i) : null;
                    out.add(v == null ? null : columns.get(i).integer() ? Long.valueOf(((Number) v).longValue())
                            : v.toString());
                }
                rows.add(out);
            }
            return rows;
        }
    }
}
