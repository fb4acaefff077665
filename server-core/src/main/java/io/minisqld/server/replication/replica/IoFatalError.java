package io.minisqld.server.replication.replica;

import io.minisqld.server.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fatal IO thread error: Last_IO_Errno/Last_IO_Error are set and the thread ends
 * (Slave_IO_Running: No), as MySQL 5.7's IO thread does for everything but network errors.
 */
final class IoFatalError extends Exception {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IoFatalError.class);

    final int errno;

    IoFatalError(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    /** The error {@code code} with its message. */
    static IoFatalError of(ErrorCode code, Object... args) {
        return new IoFatalError(code.number(), code.message(args));
    }

    /** The relay log could not take an event (or sync): MySQL logs the cause, then stops the thread with 1595. */
    static IoFatalError relayWriteFailure(Exception cause) {
        LOG.error("Relay log write failure{}: {}", IoThread.CHANNEL, cause.getMessage());
        return of(ErrorCode.ER_SLAVE_RELAY_LOG_WRITE_FAILURE, "could not queue event from master");
    }
}
