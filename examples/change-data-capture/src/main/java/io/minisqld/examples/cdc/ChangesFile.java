package io.minisqld.examples.cdc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The JSON lines file. A transaction's lines are written in one {@code write} under the file's
 * lock, so the lines of concurrent commits never interleave and each transaction's rows stay
 * together, in commit order. Written to the OS, not synced: the binlog is the durable record, and
 * a consumer restarts from the last position it saw.
 */
final class ChangesFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;

    private ChangesFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static ChangesFile open(Path path) throws IOException {
        return new ChangesFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Appends the lines, each followed by a newline. */
    synchronized void append(List<String> lines) {
        if (channel == null) throw new IllegalStateException(path + " is closed");
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(String.join("\n", lines) + "\n");
        try {
            while (bytes.hasRemaining()) channel.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel == null) return;
        try {
            channel.close();
        } finally {
            channel = null;
        }
    }
}
