package io.minisqld.plugin.api;

import java.util.Optional;

/**
 * A plugin's view of one client session (a dump connection, a committing client). Obtained from
 * {@link PluginContext#session(long)} with the thread id a hook parameter carries.
 */
public interface SessionView {
    /** The connection id (CONNECTION_ID(), PROCESSLIST Id). */
    long id();

    /** A user variable the session set ({@code SET @rpl_semi_sync_slave = 1}); empty if unset or NULL. */
    Optional<Object> userVariable(String name);

    /** Sets the PROCESSLIST State text while the session waits (e.g. "Waiting for semi-sync ACK from slave"); null clears it. */
    void setState(String state);

    /** The current PROCESSLIST State text. */
    String state();
}
