package io.minisqld.server.observer;

import static io.minisqld.plugin.api.observer.ObserverFamily.SERVER_STATE;

import io.minisqld.plugin.api.observer.ServerStateObserver;
import io.minisqld.plugin.api.observer.ServerStateParam;

/**
 * The {@link ServerStateObserver} hooks (MySQL's {@code server_state_delegate}), by name for the
 * server's call sites. MySQL ignores every result (spec semisync.md §1.4); the methods return it
 * anyway for tests and logs.
 */
public final class ServerStateDelegate extends ObserverDelegate<ServerStateObserver> {
    public static final Hook<ServerStateObserver, ServerStateParam> BEFORE_RECOVERY =
            new Hook<>(SERVER_STATE, "before_recovery", ServerStateObserver::beforeRecovery);
    public static final Hook<ServerStateObserver, ServerStateParam> AFTER_ENGINE_RECOVERY =
            new Hook<>(SERVER_STATE, "after_engine_recovery", ServerStateObserver::afterEngineRecovery);
    public static final Hook<ServerStateObserver, ServerStateParam> AFTER_RECOVERY =
            new Hook<>(SERVER_STATE, "after_recovery", ServerStateObserver::afterRecovery);
    public static final Hook<ServerStateObserver, ServerStateParam> BEFORE_HANDLE_CONNECTION =
            new Hook<>(SERVER_STATE, "before_handle_connection", ServerStateObserver::beforeHandleConnection);
    public static final Hook<ServerStateObserver, ServerStateParam> BEFORE_SERVER_SHUTDOWN =
            new Hook<>(SERVER_STATE, "before_server_shutdown", ServerStateObserver::beforeServerShutdown);
    public static final Hook<ServerStateObserver, ServerStateParam> AFTER_SERVER_SHUTDOWN =
            new Hook<>(SERVER_STATE, "after_server_shutdown", ServerStateObserver::afterServerShutdown);

    ServerStateDelegate(ObserverRegistry owner) {
        super(SERVER_STATE, owner);
    }

    /** {@code before_recovery}: before binlog and engine crash recovery. */
    public boolean beforeRecovery(ServerStateParam param) {
        return run(BEFORE_RECOVERY, param);
    }

    /** {@code after_engine_recovery}: after the engine has been recovered from the binlog. */
    public boolean afterEngineRecovery(ServerStateParam param) {
        return run(AFTER_ENGINE_RECOVERY, param);
    }

    /** {@code after_recovery}: recovery done, system tables loaded. */
    public boolean afterRecovery(ServerStateParam param) {
        return run(AFTER_RECOVERY, param);
    }

    /** {@code before_handle_connection}: the server is up, before it accepts clients. */
    public boolean beforeHandleConnection(ServerStateParam param) {
        return run(BEFORE_HANDLE_CONNECTION, param);
    }

    /** {@code before_server_shutdown}: start of shutdown, before connections are closed. */
    public boolean beforeServerShutdown(ServerStateParam param) {
        return run(BEFORE_SERVER_SHUTDOWN, param);
    }

    /** {@code after_server_shutdown}: connections closed, before plugins are deinitialised. */
    public boolean afterServerShutdown(ServerStateParam param) {
        return run(AFTER_SERVER_SHUTDOWN, param);
    }
}
