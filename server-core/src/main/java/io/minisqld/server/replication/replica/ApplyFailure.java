package io.minisqld.server.replication.replica;

/** An error the SQL thread stops on, with MySQL's Last_SQL_Errno and Last_SQL_Error text. */
final class ApplyFailure extends Exception {
    private final int errno;

    ApplyFailure(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
