package io.minisqld.server.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server key to error-log sink. Logback instantiates {@link ServerRoutingAppender} itself and
 * cannot be handed a server object, so this one map is the project's allowed static exception
 * (STYLE.md): it holds nothing but the sinks of servers that are running.
 */
final class ErrorLogRegistry {

    private static final Map<String, ErrorLogSink> SINKS = new ConcurrentHashMap<>();

    private ErrorLogRegistry() {
    }

    static boolean register(String serverKey, ErrorLogSink sink) {
        return SINKS.putIfAbsent(serverKey, sink) == null;
    }

    static void unregister(String serverKey, ErrorLogSink sink) {
        SINKS.remove(serverKey, sink);
    }

    static ErrorLogSink lookup(String serverKey) {
        return serverKey == null ? null : SINKS.get(serverKey);
    }
}
