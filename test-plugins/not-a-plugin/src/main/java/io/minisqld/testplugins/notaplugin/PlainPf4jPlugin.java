package io.minisqld.testplugins.notaplugin;

/**
 * A valid PF4J plugin that declares no MySQL plugins: its Plugin-Class is not a
 * {@code PluginLibrary}, like a {@code .so} without {@code _mysql_plugin_declarations_}
 * (ERROR 1127).
 */
public final class PlainPf4jPlugin extends org.pf4j.Plugin {
}
