package io.minisqld.server.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One server's error log: opened at start-up with the {@code log_error} file (or {@code null}
 * for stderr) and closed at shutdown. While it is open, every SLF4J event logged on a thread
 * whose MDC carries this server's key (see {@link LogContext}, {@link ServerThreadFactory})
 * lands here in MySQL 5.7's format.
 */
public final class ErrorLog implements AutoCloseable {

    private final String serverKey;
    private final ErrorLogSink sink;

    private ErrorLog(String serverKey, ErrorLogSink sink) {
        this.serverKey = serverKey;
        this.sink = sink;
    }

    /**
     * Opens the error log of one server.
     *
     * @param serverKey unique among the servers of this JVM (e.g. the port or a test name)
     * @param file      the {@code log_error} file, appended to and created if missing (its
     *                  directory must exist, as for mysqld); {@code null} writes to stderr
     * @throws IOException           if the file cannot be opened
     * @throws IllegalStateException if an error log for {@code serverKey} is already open
     */
    public static ErrorLog open(String serverKey, Path file) throws IOException {
        if (serverKey == null || serverKey.isEmpty()) {
            throw new IllegalArgumentException("server key must not be empty");
        }
        ErrorLogSink sink = ErrorLogSink.open(file);
        if (!ErrorLogRegistry.register(serverKey, sink)) {
            sink.close();
            throw new IllegalStateException("an error log is already open for server '" + serverKey + "'");
        }
        return new ErrorLog(serverKey, sink);
    }

    public String serverKey() {
        return serverKey;
    }

    /** The {@code log_error} file, or empty when the log goes to stderr. */
    public Optional<Path> file() {
        return Optional.ofNullable(sink.file());
    }

    /**
     * {@code log_error_verbosity}: 1 writes errors only, 2 errors and warnings, 3 (the default)
     * notes too, as MySQL 5.7 filters its error log.
     */
    public void setVerbosity(int verbosity) {
        sink.setVerbosity(verbosity);
    }

    /** Reopens the file (what {@code FLUSH ERROR LOGS} does), so an operator can rotate it. */
    public void reopen() throws IOException {
        sink.reopen();
    }

    /** Stops routing this server's events here; later events with its key go to stderr. */
    @Override
    public void close() throws IOException {
        ErrorLogRegistry.unregister(serverKey, sink);
        sink.close();
    }
}
