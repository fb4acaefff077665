package io.minisqld.plugin.api.observer;

/**
 * Observes the server's start-up and shutdown (MySQL's {@code Server_state_observer}). Only
 * plugins loaded at start-up ({@code plugin-load}, {@code mysql.plugin} rows) see the start-up
 * hooks; a plugin installed later sees only the shutdown hooks. All hooks run on the thread that
 * starts or stops the server, in the order they are declared here, and every failure is logged
 * and otherwise ignored. See the package documentation for the rules on order and locks.
 */
public interface ServerStateObserver {

    /** Called before crash recovery of the binlog and the storage engine starts. */
    default void beforeRecovery(ServerStateParam param) {
    }

    /**
     * Called after the storage engine has been recovered from the binlog (torn binlog tail
     * truncated, missing transactions re-applied).
     */
    default void afterEngineRecovery(ServerStateParam param) {
    }

    /** Called after recovery has finished and the server's system tables are loaded. */
    default void afterRecovery(ServerStateParam param) {
    }

    /** Called when the server is operational, just before it starts accepting client connections. */
    default void beforeHandleConnection(ServerStateParam param) {
    }

    /** Called at the start of shutdown, before client connections are closed. */
    default void beforeServerShutdown(ServerStateParam param) {
    }

    /** Called after the remaining client connections have been closed, before plugins are deinitialised. */
    default void afterServerShutdown(ServerStateParam param) {
    }
}
