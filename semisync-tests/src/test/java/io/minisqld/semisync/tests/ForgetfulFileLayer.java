package io.minisqld.semisync.tests;

import io.minisqld.server.storage.DurableFile;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.server.storage.RealFileLayer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FileLayer} for tests that simulates a power loss. It writes through to real files (so
 * reads see every write, as the OS page cache does) and remembers, per file, the content that is
 * durable by {@link RealFileLayer}'s contract: the bytes as of the last {@link DurableFile#force()},
 * the empty file right after {@link #create} (whose directory entry the real layer forces), the
 * content given to {@link #replaceAtomically}. {@link #powerLoss()} puts every file back to its
 * durable content, removes files whose entry never became durable, and kills open handles; then
 * the directory can be reopened through a {@link RealFileLayer} or a new forgetful layer to see
 * what survived.
 *
 * <p>Concurrency: all methods synchronise on this layer (tests only). Copied from server-core's
 * storage tests, which other modules cannot see.
 */
final class ForgetfulFileLayer implements FileLayer {
    private final RealFileLayer real = new RealFileLayer();
    /** Durable content per absolute path of every file this layer has touched. */
    private final Map<Path, byte[]> durable = new HashMap<>();
    private final List<Handle> open = new ArrayList<>();

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** What a power loss would leave of a file now ({@code null}: the file would not exist). */
    public synchronized byte[] durableContent(Path file) throws IOException {
        Path k = key(file);
        if (durable.containsKey(k)) return durable.get(k).clone();
        return Files.exists(k) ? Files.readAllBytes(k) : null;
    }

    /**
     * The power fails: every touched file goes back to its durable content, files never made
     * durable disappear, every open handle fails from now on.
     */
    public synchronized void powerLoss() throws IOException {
        for (Handle h : open) h.dead = true;
        for (Handle h : open) h.delegate.close();
        open.clear();
        for (Map.Entry<Path, byte[]> e : durable.entrySet()) {
            if (e.getValue() == null) {
                Files.deleteIfExists(e.getKey());
            } else {
                Files.write(e.getKey(), e.getValue());
            }
        }
        durable.clear();
    }

    @Override
    public synchronized DurableFile create(Path file) throws IOException {
        DurableFile f = real.create(file);
        durable.put(key(file), new byte[0]);
        return track(file, f);
    }

    @Override
    public synchronized DurableFile open(Path file) throws IOException {
        Path k = key(file);
        if (!durable.containsKey(k) && Files.exists(k)) durable.put(k, Files.readAllBytes(k));
        return track(file, real.open(file));
    }

    @Override
    public synchronized DurableFile openForRead(Path file) throws IOException {
        return track(file, real.openForRead(file));
    }

    private DurableFile track(Path file, DurableFile f) {
        Handle h = new Handle(key(file), f);
        open.add(h);
        return h;
    }

    @Override
    public boolean exists(Path path) {
        return real.exists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        real.delete(file);
        durable.put(key(file), null);
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        byte[] content = durableContent(from);
        real.rename(from, to);
        durable.put(key(from), null);
        durable.put(key(to), content);
    }

    @Override
    public synchronized void replaceAtomically(Path file, byte[] content) throws IOException {
        real.replaceAtomically(file, content);
        durable.put(key(file), content.clone());
    }

    @Override
    public byte[] readAll(Path file) throws IOException {
        return real.readAll(file);
    }

    @Override
    public long size(Path file) throws IOException {
        return real.size(file);
    }

    @Override
    public Instant lastModified(Path file) throws IOException {
        return real.lastModified(file);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        real.createDirectories(dir);
    }

    private final class Handle implements DurableFile {
        private final Path path;
        private final DurableFile delegate;
        private volatile boolean dead;

        Handle(Path path, DurableFile delegate) {
            this.path = path;
            this.delegate = delegate;
        }

        private void alive() throws IOException {
            if (dead) throw new IOException("power lost: " + path + " is no longer open");
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            alive();
            delegate.write(bytes);
        }

        @Override
        public void writeAt(long position, byte[] bytes) throws IOException {
            alive();
            delegate.writeAt(position, bytes);
        }

        @Override
        public void force() throws IOException {
            synchronized (ForgetfulFileLayer.this) {
                alive();
                delegate.force();
                durable.put(path, Files.readAllBytes(path));
            }
        }

        @Override
        public long size() throws IOException {
            alive();
            return delegate.size();
        }

        @Override
        public byte[] read(long position, int length) throws IOException {
            alive();
            return delegate.read(position, length);
        }

        @Override
        public void truncate(long size) throws IOException {
            alive();
            delegate.truncate(size);
        }

        @Override
        public void close() throws IOException {
            synchronized (ForgetfulFileLayer.this) {
                if (dead) return;
                open.remove(this);
                delegate.close();
            }
        }
    }
}
