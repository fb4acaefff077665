package io.minisqld.plugin.api.observer;

import io.minisqld.plugin.api.LogPosition;

/**
 * What the server passes to {@link BinlogStorageObserver} hooks: MySQL's
 * {@code Binlog_storage_param} and the {@code log_file}/{@code log_pos} arguments of its hooks.
 *
 * @param serverId this server's {@code server_id}
 * @param position the end of the commit group in the binlog: the file holding its last
 *                 transaction and the offset after that transaction's last event
 */
public record BinlogStorageParam(long serverId, LogPosition position) {
}
