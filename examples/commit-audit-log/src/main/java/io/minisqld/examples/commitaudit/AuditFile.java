package io.minisqld.examples.commitaudit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The audit file, appended to by the committing threads themselves.
 *
 * <p>Why synchronized appends rather than a writer thread with a queue: {@code after_commit}
 * runs before the client's OK, and one short {@code write(2)} per commit (no fsync) costs a few
 * microseconds, far below a binlog commit. Writing in the hook gives the guarantee an audit log
 * wants (a client never sees a commit whose line is not yet in the file), keeps line order equal
 * to commit order, and leaves no thread to stop at deinit. A queue would only pay off for slow
 * sinks (network, fsync per line), at the price of losing that guarantee.
 *
 * <p>Concurrency: {@code this} guards {@link #out}; appends from concurrent commits serialise on it
 * and each line is flushed to the OS before the lock is released. Nothing else is locked while
 * holding it.
 */
final class AuditFile implements AutoCloseable {
    private final Path path;
    private Writer out;

    private AuditFile(Path path, Writer out) {
        this.path = path;
        this.out = out;
    }

    /** Opens {@code path} for appending, creating it (not its directory) if missing. */
    static AuditFile open(Path path) throws IOException {
        Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new AuditFile(path, out);
    }

    Path path() {
        return path;
    }

    /** Appends {@code line} and a newline, flushed to the OS (not synced to disk). */
    synchronized void append(String line) {
        if (out == null) throw new IllegalStateException(path + " is closed");
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out == null) return;
        try {
            out.close();
        } finally {
            out = null;
        }
    }
}
