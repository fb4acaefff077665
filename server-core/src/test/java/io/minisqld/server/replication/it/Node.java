package io.minisqld.server.replication.it;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A server in a replication test: minisqld in this JVM or in its own process ({@link MiniSqlNode}),
 * or a real MariaDB 10.11 ({@link MariaDbServer}). Every node listens on 127.0.0.1 and keeps its
 * port across restarts, so replicas pointed at it find it again.
 */
sealed interface Node extends AutoCloseable permits MiniSqlNode, MariaDbServer {

    /** A short name for messages (the test's name for the server). */
    String name();

    /** The TCP port on 127.0.0.1. */
    int port();

    /** {@code server_id}. */
    long serverId();

    /** A new JDBC connection as root. */
    default Connection connect() throws SQLException {
        return Sql.connect(port(), "root", "");
    }

    /** The error log so far (empty before the server wrote one). */
    String errorLog() throws IOException;

    /** Stops the server and deletes its files. */
    @Override
    void close() throws IOException, InterruptedException;
}
