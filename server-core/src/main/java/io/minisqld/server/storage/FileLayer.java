package io.minisqld.server.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The one way to files whose durability a guarantee rests on (binlog files and their index, later
 * relay logs and replication state files). Binlog code never touches {@code java.nio.file.Files}
 * directly, so a test can substitute a layer that forgets unforced bytes at a simulated power
 * loss.
 *
 * <p>Durability contract of every implementation: bytes written to a {@link DurableFile} survive a
 * power loss only after {@link DurableFile#force()} returned. Directory changes made here
 * ({@link #create}, {@link #delete}, {@link #rename}, {@link #replaceAtomically},
 * {@link #createDirectories}) are durable when the call returns.
 */
public interface FileLayer {

    /** Creates a new empty file (its directory entry made durable) and opens it for append; fails if it exists. */
    DurableFile create(Path file) throws IOException;

    /** Opens an existing file for reading and writing; writes append at the current end. */
    DurableFile open(Path file) throws IOException;

    /**
     * Opens an existing file for reading only (readers of binlogs: SHOW BINLOG EVENTS, dump
     * threads, recovery scans); its write, writeAt, truncate and force fail with an IOException.
     */
    DurableFile openForRead(Path file) throws IOException;

    /** Whether a file (or directory) exists. */
    boolean exists(Path path);

    /** The regular files directly in {@code dir}, sorted by name; empty if the directory does not exist. */
    List<Path> list(Path dir) throws IOException;

    /** Deletes a file if present; the removal is durable when this returns. */
    void delete(Path file) throws IOException;

    /** Renames a file, replacing the target; durable when this returns. */
    void rename(Path from, Path to) throws IOException;

    /**
     * Replaces a file's whole content so that after a crash it holds either the old or the new
     * content, never a mix (write a temporary file, force it, rename over the target, force the
     * directory). Used for {@code <basename>.index}.
     */
    void replaceAtomically(Path file, byte[] content) throws IOException;

    /** Reads a whole (small) file. */
    byte[] readAll(Path file) throws IOException;

    /** The file's size in bytes. */
    long size(Path file) throws IOException;

    /** The file's last modification time (PURGE BINARY LOGS BEFORE compares with it, as MySQL does). */
    Instant lastModified(Path file) throws IOException;

    /** Creates a directory and its parents if missing; durable when this returns. */
    void createDirectories(Path dir) throws IOException;
}
