package io.minisqld.server.it;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** What the variable probes reach: the server under test, its replica, new connections and its error log. */
interface VariableEnv {
    /** A new connection as root to database vt. */
    Connection root() throws SQLException;

    /** A new connection as {@code plain} (all privileges on vt, no SUPER) to database vt. */
    Connection plain() throws SQLException;

    /** A new connection as root with JDBC URL {@code options} (e.g. {@code interactiveClient=true}). */
    Connection root(String options) throws SQLException;

    int port();

    /** A SHOW GLOBAL STATUS value. */
    long status(String name) throws SQLException;

    /** The error log's text so far. */
    String errorLog() throws IOException;

    Path datadir();

    /** A connection to the replica of the server under test (replicating from it, threads running). */
    Connection replica() throws SQLException;

    Path replicaDatadir();

    /** Waits until the replica has applied everything the source logged so far. */
    void awaitReplicaCaughtUp() throws Exception;
}
