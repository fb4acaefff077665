package io.minisqld.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@link FileLayer} over the real file system: {@link FileChannel} for data,
 * {@code force(false)} (fdatasync) to make data durable.
 *
 * <p>Why directories are forced too: fdatasync of a file makes its bytes durable but not the
 * directory entry that names it. A binlog file created, written and forced could vanish at a
 * power loss if its name was never written to disk, and a rename of the index could come back as
 * the old index. So every call that changes a directory (create, delete, rename, atomic replace)
 * forces that directory before returning.
 */
public final class RealFileLayer implements FileLayer {

    @Override
    public DurableFile create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        forceDirectoryOf(file);
        return new ChannelFile(channel, true);
    }

    @Override
    public DurableFile open(Path file) throws IOException {
        return new ChannelFile(FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE), true);
    }

    @Override
    public DurableFile openForRead(Path file) throws IOException {
        return new ChannelFile(FileChannel.open(file, StandardOpenOption.READ), false);
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) forceDirectoryOf(file);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceDirectoryOf(to);
        if (!sameDirectory(from, to)) forceDirectoryOf(from);
    }

    @Override
    public void replaceAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + "~");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, ByteBuffer.wrap(content), 0);
            ch.force(false);
        }
        rename(tmp, file);
    }

    @Override
    public byte[] readAll(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    @Override
    public long size(Path file) throws IOException {
        return Files.size(file);
    }

    @Override
    public Instant lastModified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant();
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) return;
        Path parent = abs.getParent();
        if (parent != null) createDirectories(parent);
        try {
            Files.createDirectory(abs);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        forceDirectoryOf(abs);
    }

    private static boolean sameDirectory(Path a, Path b) {
        Path pa = a.toAbsolutePath().getParent();
        Path pb = b.toAbsolutePath().getParent();
        return pa == null ? pb == null : pa.equals(pb);
    }

    private static void forceDirectoryOf(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) return;
        // Linux (ext4, xfs, tmpfs) lets a directory be opened read-only and fsynced.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) pos += ch.write(buf, pos);
    }

    /**
     * A {@link DurableFile} over one {@link FileChannel}; positional writes keep readers independent.
     * A writable file keeps its end in memory (its own appends and cuts move it), so an append is one
     * {@code pwrite}, not also an {@code fstat}; a read asks the size only for a read too large to
     * allocate blindly.
     */
    private static final class ChannelFile implements DurableFile {
        /** A read up to this size allocates what it asks for and stops at the end of the file. */
        private static final int READ_WITHOUT_SIZE = 1 << 20;
        private final FileChannel channel;
        private final boolean writable;
        /** The end of the file as this handle wrote it; -1 for a read-only handle (asked each time). */
        private long end;

        ChannelFile(FileChannel channel, boolean writable) throws IOException {
            this.channel = channel;
            this.writable = writable;
            this.end = writable ? channel.size() : -1;
        }

        private void checkWritable() throws IOException {
            if (!writable) throw new IOException("file opened for reading only");
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            checkWritable();
            writeFully(channel, ByteBuffer.wrap(bytes), end);
            end += bytes.length;
        }

        @Override
        public void writeAt(long position, byte[] bytes) throws IOException {
            checkWritable();
            if (position < 0 || position + bytes.length > end) {
                throw new IOException("writeAt " + position + "+" + bytes.length + " beyond end " + end);
            }
            writeFully(channel, ByteBuffer.wrap(bytes), position);
        }

        @Override
        public void force() throws IOException {
            checkWritable();
            channel.force(false);
        }

        @Override
        public long size() throws IOException {
            return writable ? end : channel.size();
        }

        @Override
        public byte[] read(long position, int length) throws IOException {
            int n = length <= READ_WITHOUT_SIZE ? length : (int) Math.min(length, Math.max(0, channel.size() - position));
            ByteBuffer buf = ByteBuffer.allocate(n);
            long pos = position;
            while (buf.hasRemaining()) {
                int r = channel.read(buf, pos);
                if (r < 0) break;
                pos += r;
            }
            if (buf.hasRemaining()) return Arrays.copyOf(buf.array(), buf.position());
            return buf.array();
        }

        @Override
        public void truncate(long size) throws IOException {
            checkWritable();
            channel.truncate(size);
            end = Math.min(end, size);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
