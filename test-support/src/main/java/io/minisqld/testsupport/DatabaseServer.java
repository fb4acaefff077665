package io.minisqld.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A server a test talks to over JDBC on 127.0.0.1: a minisqld ({@link MinisqldHarness}) or a real
 * MariaDB ({@link MariaDbServer}). {@link Replication} wires them into sources and replicas.
 */
public interface DatabaseServer extends AutoCloseable {

    /** A short name for messages and for the server's folder. */
    String name();

    /** The TCP port on 127.0.0.1. */
    int port();

    /** {@code server_id}. */
    long serverId();

    /** A new connection as {@code root@localhost}; the caller closes it. */
    Connection newConnection() throws SQLException;

    /** The error log so far; empty before the server wrote one. */
    String errorLogText() throws IOException;

    /**
     * The MariaDB Connector/J URL for {@code user} without a password on 127.0.0.1:{@code port},
     * {@code database} as the default database ({@code ""} for none).
     */
    static String jdbcUrl(int port, String database, String user) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=" + user + "&password=&connectTimeout=10000";
    }
}
