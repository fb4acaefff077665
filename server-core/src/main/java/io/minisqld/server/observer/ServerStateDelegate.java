package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.ServerStateObserver;
import io.minisqld.plugin.api.observer.ServerStateParam;

/**
 * Dispatches {@link ServerStateObserver} hooks (MySQL's {@code server_state_delegate}). MySQL
 * ignores every result (spec semisync.md §1.4); the methods return it anyway for tests and logs.
 */
public final class ServerStateDelegate extends ObserverDelegate<ServerStateObserver> {

    ServerStateDelegate(ObserverRegistry owner) {
        super(owner);
    }

    /** {@code before_recovery}: before binlog and engine crash recovery. */
    public boolean beforeRecovery(ServerStateParam param) {
        return run("before_recovery", ServerStateObserver::beforeRecovery, param);
    }

    /** {@code after_engine_recovery}: after the engine has been recovered from the binlog. */
    public boolean afterEngineRecovery(ServerStateParam param) {
        return run("after_engine_recovery", ServerStateObserver::afterEngineRecovery, param);
    }

    /** {@code after_recovery}: recovery done, system tables loaded. */
    public boolean afterRecovery(ServerStateParam param) {
        return run("after_recovery", ServerStateObserver::afterRecovery, param);
    }

    /** {@code before_handle_connection}: the server is up, before it accepts clients. */
    public boolean beforeHandleConnection(ServerStateParam param) {
        return run("before_handle_connection", ServerStateObserver::beforeHandleConnection, param);
    }

    /** {@code before_server_shutdown}: start of shutdown, before connections are closed. */
    public boolean beforeServerShutdown(ServerStateParam param) {
        return run("before_server_shutdown", ServerStateObserver::beforeServerShutdown, param);
    }

    /** {@code after_server_shutdown}: connections closed, before plugins are deinitialised. */
    public boolean afterServerShutdown(ServerStateParam param) {
        return run("after_server_shutdown", ServerStateObserver::afterServerShutdown, param);
    }
}
