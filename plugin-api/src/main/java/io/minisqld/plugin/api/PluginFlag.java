package io.minisqld.plugin.api;

/** Declaration flags (MySQL's PLUGIN_OPT_*). */
public enum PluginFlag {
    /** INSTALL PLUGIN refuses it (1721): it can only be loaded at start-up with plugin-load. */
    NO_INSTALL,
    /** UNINSTALL PLUGIN refuses it (1720): it stays until shutdown. */
    NO_UNINSTALL,
    /** May be loaded before the storage engine (MySQL's early-plugin-load). */
    ALLOW_EARLY
}
