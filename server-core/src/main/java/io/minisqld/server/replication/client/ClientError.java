package io.minisqld.server.replication.client;

/**
 * The client library's own errors (libmysqlclient's {@code CR_*} catalogue, numbers 2000+), which
 * a replica shows as Last_IO_Errno/Last_IO_Error when the connection itself fails. Kept apart from
 * the server's {@code ErrorCode} catalogue: these never travel in an ERR packet.
 */
public enum ClientError {
    CR_CONN_HOST_ERROR(2003, "Can't connect to MySQL server on '%s' (%d)"),
    CR_SSL_CONNECTION_ERROR(2026, "SSL connection error: %s"),
    CR_SERVER_GONE_ERROR(2006, "MySQL server has gone away"),
    CR_SERVER_LOST(2013, "Lost connection to MySQL server during query"),
    CR_SERVER_LOST_EXTENDED(2013, "Lost connection to MySQL server at '%s', system error: %d"),
    CR_MALFORMED_PACKET(2027, "Malformed packet"),
    CR_AUTH_PLUGIN_CANNOT_LOAD(2059, "Authentication plugin '%s' cannot be loaded: %s");

    private final int number;
    private final String template;

    ClientError(int number, String template) {
        this.number = number;
        this.template = template;
    }

    /** The {@code CR_*} number. */
    public int number() {
        return number;
    }

    /** The exception carrying this error's number and formatted message. */
    public ClientErrorException exception(Object... args) {
        return new ClientErrorException(number, String.format(template, args));
    }
}
