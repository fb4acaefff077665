package io.minisqld.server.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where one server's error-log lines go: its {@code log_error} file, appended to and flushed
 * after every line as mysqld does, or the process's stderr when the file is {@code null}.
 *
 * <p>Concurrency: {@code this} guards {@code out}; every write, reopen and close holds it, so
 * lines from concurrent threads never interleave. No other lock is taken while holding it.
 */
final class ErrorLogSink {

    private final Path file;
    private OutputStream out;
    private boolean closed;
    /** log_error_verbosity: 1 errors, 2 errors and warnings, 3 errors, warnings and notes (MySQL 5.7). */
    private volatile int verbosity = 3;

    private ErrorLogSink(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    static ErrorLogSink open(Path file) throws IOException {
        return new ErrorLogSink(file, file == null ? null : openFile(file));
    }

    private static OutputStream openFile(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    Path file() {
        return file;
    }

    void setVerbosity(int verbosity) {
        this.verbosity = verbosity;
    }

    /** Whether a line of this MySQL severity (1 error, 2 warning, 3 note) is written at the current verbosity. */
    boolean accepts(int severity) {
        return severity <= verbosity;
    }

    /** Writes one formatted event; {@code false} if the sink is closed or the write failed. */
    synchronized boolean write(String text) {
        if (closed) {
            return false;
        }
        if (out == null) {
            writeStderr(text);
            return true;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes and reopens the file in place (FLUSH ERROR LOGS; lets an operator rotate the file). */
    synchronized void reopen() throws IOException {
        if (closed || file == null) {
            return;
        }
        out.close();
        out = openFile(file);
    }

    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (out != null) {
            out.close();
        }
    }

    /** stderr is looked up at every write, so that a test's System.setErr is honoured. */
    static void writeStderr(String text) {
        PrintStream err = System.err;
        err.print(text);
        err.flush();
    }
}
