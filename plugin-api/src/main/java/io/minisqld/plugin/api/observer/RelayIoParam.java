package io.minisqld.plugin.api.observer;

import io.minisqld.plugin.api.LogPosition;

/**
 * What the server passes to {@link BinlogRelayIoObserver} hooks (MySQL's
 * {@code Binlog_relay_IO_param}), built afresh from the replica's connection metadata at each
 * call, so {@link #position()} is how far the source's binlog has been received.
 *
 * @param serverId      this (the replica) server's {@code server_id}
 * @param threadId      the connection id of the IO thread
 * @param channelName   the replication channel, {@code ""} for the default channel
 * @param host          {@code MASTER_HOST}
 * @param port          {@code MASTER_PORT}
 * @param user          {@code MASTER_USER}
 * @param position      MySQL's {@code master_log_name}/{@code master_log_pos}: the source binlog
 *                      position received up to, the end of the last event received (after
 *                      {@code after_queue_event}: of the event just queued); its file is empty
 *                      before the first event of a fresh replica
 * @param source        the connection to the source; null in {@code thread_start},
 *                      {@code thread_stop} and {@code after_reset_slave}, when there is none
 */
public record RelayIoParam(long serverId, long threadId, String channelName, String host, int port,
                           String user, LogPosition position, SourceConnection source) {
}
