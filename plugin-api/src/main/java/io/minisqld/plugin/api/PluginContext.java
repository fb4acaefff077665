package io.minisqld.plugin.api;

import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * What the server gives a plugin in {@code init} and {@code deinit}. One per installed plugin;
 * keep it for the plugin's lifetime, but drop every reference at deinit (the server checks that
 * an uninstalled plugin's class loader can be collected).
 */
public interface PluginContext {
    /** The plugin's name as declared. */
    String pluginName();

    /** The server's identity and binlog position. */
    ServerInfo server();

    /** Where the plugin registers its replication observers. */
    ObserverRegistration observers();

    /**
     * The global value of any system variable, the plugin's own by full name
     * ({@code rpl_semi_sync_master_timeout}): Boolean, Long, String or Double; empty if unknown.
     */
    Optional<Object> variable(String name);

    /** A live client session by connection id, if it is still connected. */
    Optional<SessionView> session(long connectionId);

    /**
     * Threads for the plugin: their log lines go to this server's error log. The plugin must end
     * every thread it started before deinit returns.
     */
    ThreadFactory threadFactory(String namePrefix);

    /**
     * Where the plugin writes to the server's error log ({@link PluginLog}). This default, for
     * contexts that are not a server's (a unit test's), writes through SLF4J's logger
     * {@code plugin.<name>}; the server's own goes to its error log.
     */
    default PluginLog log() {
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("plugin." + pluginName());
        return new PluginLog() {
            @Override
            public void note(String message) {
                logger.info(message);
            }

            @Override
            public void warning(String message) {
                logger.warn(message);
            }

            @Override
            public void error(String message) {
                logger.error(message);
            }

            @Override
            public void error(String message, Throwable cause) {
                logger.error(message, cause);
            }
        };
    }
}
