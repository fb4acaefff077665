package io.minisqld.server;

/** The server could not start; the message is what mysqld would print before "Aborting". */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
