package io.minisqld.plugin.api;

/**
 * A plugin's lines in the server's error log, in MySQL's form for plugins: {@code [Note] Plugin
 * <name> reported: '<message>'} (MySQL's {@code my_plugin_log_message}). Any thread may use it.
 */
public interface PluginLog {
    void note(String message);

    void warning(String message);

    void error(String message);

    /** An error line, then the cause's stack trace. */
    void error(String message, Throwable cause);
}
