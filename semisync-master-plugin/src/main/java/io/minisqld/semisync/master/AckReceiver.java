package io.minisqld.semisync.master;

import io.minisqld.plugin.api.observer.ReplicaConnection;

/**
 * Reads the acknowledgements semisync replicas send back on their dump connections and hands each
 * to {@link SemiSyncMaster#handleAck} (MySQL's {@code Ack_receiver}, spec §2.7).
 *
 * <p>Thread rule: {@link #add} and {@link #remove} are called by dump threads, {@link #start} and
 * {@link #stop} by the thread changing {@code rpl_semi_sync_master_enabled} or running deinit.
 */
public interface AckReceiver {

    /** Starts reading (semisync enabled); idempotent. Logs "Starting ack receiver thread". */
    void start();

    /** Stops reading and waits for the reader(s) to end; idempotent. Logs "Stopping ack receiver thread". */
    void stop();

    /** Starts reading replica {@code serverId}'s replies from {@code connection}. */
    void add(long serverId, ReplicaConnection connection);

    /** Stops reading {@code connection}; returns only once nothing reads it any more. */
    void remove(ReplicaConnection connection);
}
