package io.minisqld.server.plugin;

/**
 * MySQL's plugin states (spec plugin-framework.md §A.4): a plugin is in exactly one. FREED has no
 * constant here: a freed plugin is simply gone from the registry.
 */
public enum PluginState {
    /** Registered, init not run yet (start-up) or deinit done. */
    UNINITIALIZED("INACTIVE"),
    /** Init succeeded: the plugin works. */
    READY("ACTIVE"),
    /** The activation option said OFF (or its options could not be applied): never initialised. */
    DISABLED("DISABLED"),
    /** Uninstalled while a hook of it was running; reaped when the last running call ends. */
    DELETED("DELETED"),
    /** Being deinitialised. */
    DYING("DELETING");

    private final String status;

    PluginState(String status) {
        this.status = status;
    }

    /** The PLUGIN_STATUS / SHOW PLUGINS Status text (MySQL 8.0's spellings). */
    public String status() {
        return status;
    }
}
