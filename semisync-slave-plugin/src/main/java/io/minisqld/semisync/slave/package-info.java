/**
 * The {@code rpl_semi_sync_slave} plugin ({@code plugins/semisync_slave.jar}): the replica side of
 * MySQL 5.7's semisynchronous replication. {@link io.minisqld.semisync.slave.ReplicaSemiSync} is
 * the relay IO observer that negotiates, strips headers and acknowledges;
 * {@link io.minisqld.semisync.slave.SemiSyncReply} is the acknowledgement packet.
 */
package io.minisqld.semisync.slave;
