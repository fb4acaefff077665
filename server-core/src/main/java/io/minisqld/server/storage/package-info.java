/**
 * Files whose durability a guarantee rests on: {@link io.minisqld.server.storage.FileLayer} and
 * {@link io.minisqld.server.storage.DurableFile}, with {@link io.minisqld.server.storage.RealFileLayer}
 * over {@code FileChannel}. Binlog (and later relay log) code reaches the disk only through them,
 * so tests can swap in a layer that forgets unforced bytes at a simulated power loss.
 */
package io.minisqld.server.storage;
