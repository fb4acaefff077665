package io.minisqld.plugin.api.observer;

/**
 * What the server passes to {@link BinlogStorageObserver} hooks (MySQL's
 * {@code Binlog_storage_param}).
 *
 * @param serverId this server's {@code server_id}
 */
public record BinlogStorageParam(long serverId) {
}
