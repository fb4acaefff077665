package io.minisqld.server.plugin;

import io.minisqld.server.engine.VirtualTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** INFORMATION_SCHEMA.PLUGINS with MySQL 5.7's eleven columns (spec §B.1), computed per query. */
public final class PluginsTable implements VirtualTable {
    private final PluginRegistry registry;

    public PluginsTable(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<VirtualColumn> columns() {
        return List.of(VirtualColumn.text("PLUGIN_NAME"), VirtualColumn.text("PLUGIN_VERSION"),
                VirtualColumn.text("PLUGIN_STATUS"), VirtualColumn.text("PLUGIN_TYPE"),
                VirtualColumn.text("PLUGIN_TYPE_VERSION"), VirtualColumn.text("PLUGIN_LIBRARY"),
                VirtualColumn.text("PLUGIN_LIBRARY_VERSION"), VirtualColumn.text("PLUGIN_AUTHOR"),
                VirtualColumn.text("PLUGIN_DESCRIPTION"), VirtualColumn.text("PLUGIN_LICENSE"),
                VirtualColumn.text("LOAD_OPTION"));
    }

    @Override
    public List<List<Object>> rows(long sessionId) {
        List<List<Object>> rows = new ArrayList<>();
        for (PluginInfo p : registry.plugins()) {
            rows.add(Arrays.asList(p.name(), p.version(), p.status(), p.type(), p.typeVersion(), p.library(),
                    p.libraryVersion(), p.author(), p.description(), p.license(), p.loadOption()));
        }
        return rows;
    }
}
