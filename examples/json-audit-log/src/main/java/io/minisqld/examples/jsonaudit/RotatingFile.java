package io.minisqld.examples.jsonaudit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The audit file, appended to by the sessions' threads, one line at a time under this object's
 * lock. Rotation: once the file has reached {@code rotateOnSize} bytes (0: never), it becomes
 * {@code <file>.1}, an older {@code .1} becomes {@code .2} and so on up to {@code rotations}
 * files, the oldest dropped, and a new file starts (as Percona's audit_log_rotate_on_size).
 */
final class RotatingFile implements AutoCloseable {
    private final Path path;
    private Writer out;
    private long size;
    private volatile long rotateOnSize;
    private volatile int rotations;

    RotatingFile(Path path, long rotateOnSize, int rotations) throws IOException {
        this.path = path;
        this.rotateOnSize = rotateOnSize;
        this.rotations = rotations;
        open();
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        size = Files.size(path);
    }

    void setRotateOnSize(long bytes) {
        rotateOnSize = bytes;
    }

    void setRotations(int files) {
        rotations = files;
    }

    synchronized void append(String line) {
        if (out == null) throw new IllegalStateException(path + " is closed");
        try {
            long limit = rotateOnSize;
            if (limit > 0 && size >= limit) rotate();
            out.write(line);
            out.write('\n');
            out.flush();
            size += line.getBytes(StandardCharsets.UTF_8).length + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
    }

    private void rotate() throws IOException {
        out.close();
        int keep = Math.max(1, rotations);
        Files.deleteIfExists(numbered(keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(numbered(n))) Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
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
