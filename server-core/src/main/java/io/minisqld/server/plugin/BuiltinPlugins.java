package io.minisqld.server.plugin;

import java.util.List;

/**
 * The parts of the server MySQL lists as built-in plugins: Library NULL, LOAD_OPTION FORCE,
 * never uninstallable (1619), and their names cannot be taken by an installed plugin (1125).
 * The author is this project, not Oracle.
 */
final class BuiltinPlugins {
    static final List<PluginInfo> ALL = List.of(
            new PluginInfo("binlog", "1.0", "ACTIVE", "STORAGE ENGINE", "50744.0", null, null, "minisqld",
                    "This is a pseudo storage engine to represent the binlog in a transaction", "GPL", "FORCE"),
            new PluginInfo("mysql_native_password", "1.1", "ACTIVE", "AUTHENTICATION", "1.1", null, null,
                    "minisqld", "Native MySQL authentication", "GPL", "FORCE"),
            new PluginInfo("InnoDB", "5.7", "ACTIVE", "STORAGE ENGINE", "50744.0", null, null, "minisqld",
                    "Supports transactions, row-level locking, and foreign keys", "GPL", "FORCE"));

    private BuiltinPlugins() {
    }

    /** True if {@code name} (any case) is a built-in plugin's. */
    static boolean isBuiltin(String name) {
        for (PluginInfo b : ALL) {
            if (b.name().equalsIgnoreCase(name)) return true;
        }
        return false;
    }
}
