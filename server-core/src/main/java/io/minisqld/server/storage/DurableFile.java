package io.minisqld.server.storage;

import java.io.Closeable;
import java.io.IOException;

/**
 * An open file of a {@link FileLayer}: appends at the end, in-place rewrites of a few bytes,
 * reads at any position, truncation, and {@link #force()} that makes everything written so far
 * survive a power loss.
 *
 * <p>Concurrency: one writer at a time (the caller serialises writes, truncation and close);
 * {@link #read} and {@link #size} may run concurrently with a write and see either the old or the
 * new bytes of a region being written, so readers bound themselves by a position published by
 * the writer after its write returned.
 */
public interface DurableFile extends Closeable {

    /** Appends all of {@code bytes} at the end of the file. Not durable until {@link #force()}. */
    void write(byte[] bytes) throws IOException;

    /** Overwrites bytes in place at {@code position} (which must be below {@link #size()}). */
    void writeAt(long position, byte[] bytes) throws IOException;

    /** Makes every byte written so far (and the file's size) durable: fsync (data only). */
    void force() throws IOException;

    /** The current size (end of the last write), whether forced or not. */
    long size() throws IOException;

    /**
     * Reads up to {@code length} bytes at {@code position}; fewer only when the file ends first
     * (an empty array at or past the end).
     */
    byte[] read(long position, int length) throws IOException;

    /** Cuts the file to {@code size} bytes. Not durable until {@link #force()}. */
    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;
}
