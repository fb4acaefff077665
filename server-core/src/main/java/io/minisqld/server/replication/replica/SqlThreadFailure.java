package io.minisqld.server.replication.replica;

/**
 * How the SQL thread ended, for SHOW SLAVE STATUS.
 *
 * @param errno     Last_SQL_Errno
 * @param message   Last_SQL_Error
 * @param timestamp Last_SQL_Error_Timestamp as MySQL prints it ({@code yyMMdd HH:mm:ss})
 */
record SqlThreadFailure(int errno, String message, String timestamp) {
}
