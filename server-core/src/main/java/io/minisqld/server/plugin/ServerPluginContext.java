package io.minisqld.server.plugin;

import io.minisqld.plugin.api.ObserverRegistration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLog;
import io.minisqld.plugin.api.ServerInfo;
import io.minisqld.plugin.api.SessionView;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.variables.SystemVariables;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * The context one installed plugin gets. Everything the plugin registers through it is
 * registered under the plugin's declared name, so the registry can remove what deinit left
 * behind ({@link ObserverRegistry#unregisterPlugin}). Holds no reference into the plugin.
 */
final class ServerPluginContext implements PluginContext, ObserverRegistration {
    private final String pluginName;
    private final ServerInfo server;
    private final ObserverRegistry observers;
    private final SystemVariables variables;
    private final SessionManager sessions;
    private final String serverKey;

    ServerPluginContext(String pluginName, ServerInfo server, ObserverRegistry observers, SystemVariables variables,
                        SessionManager sessions, String serverKey) {
        this.pluginName = pluginName;
        this.server = server;
        this.observers = observers;
        this.variables = variables;
        this.sessions = sessions;
        this.serverKey = serverKey;
    }

    private static final org.slf4j.Logger PLUGIN_LINES = org.slf4j.LoggerFactory.getLogger("plugin");

    /** MySQL's my_plugin_log_message: "Plugin <name> reported: '<message>'", at the line's level. */
    private final PluginLog log = new PluginLog() {
        @Override
        public void note(String message) {
            inServer(() -> PLUGIN_LINES.info("Plugin {} reported: '{}'", pluginName, message));
        }

        @Override
        public void warning(String message) {
            inServer(() -> PLUGIN_LINES.warn("Plugin {} reported: '{}'", pluginName, message));
        }

        @Override
        public void error(String message) {
            inServer(() -> PLUGIN_LINES.error("Plugin {} reported: '{}'", pluginName, message));
        }

        @Override
        public void error(String message, Throwable cause) {
            inServer(() -> PLUGIN_LINES.error("Plugin {} reported: '{}'", pluginName, message, cause));
        }
    };

    @Override
    public PluginLog log() {
        return log;
    }

    /** Runs a logging call with this server named, so that its error log gets the line from any thread. */
    private void inServer(Runnable line) {
        String prior = org.slf4j.MDC.get(io.minisqld.server.log.LogContext.SERVER_KEY);
        if (prior == null) org.slf4j.MDC.put(io.minisqld.server.log.LogContext.SERVER_KEY, serverKey);
        try {
            line.run();
        } finally {
            if (prior == null) org.slf4j.MDC.remove(io.minisqld.server.log.LogContext.SERVER_KEY);
        }
    }

    @Override
    public String pluginName() {
        return pluginName;
    }

    @Override
    public ServerInfo server() {
        return server;
    }

    @Override
    public ObserverRegistration observers() {
        return this;
    }

    @Override
    public Optional<Object> variable(String name) {
        if (variables.spec(name).isEmpty()) return Optional.empty();
        try {
            return Optional.ofNullable(variables.global(name));
        } catch (SqlError e) {
            // a session-only variable has no global value to give
            return Optional.empty();
        }
    }

    @Override
    public Optional<SessionView> session(long connectionId) {
        return sessions.get(connectionId).map(SessionViews::of);
    }

    @Override
    public ThreadFactory threadFactory(String namePrefix) {
        // daemon: a plugin that forgets a thread must not keep the JVM alive after shutdown
        return new ServerThreadFactory(serverKey, namePrefix, true);
    }

    @Override
    public <O> void register(ObserverFamily<O> family, O observer) {
        observers.of(family).register(observer, pluginName);
    }

    @Override
    public <O> void unregister(ObserverFamily<O> family, O observer) {
        observers.of(family).unregister(observer);
    }
}
