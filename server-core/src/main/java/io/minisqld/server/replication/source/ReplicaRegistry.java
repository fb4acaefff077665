package io.minisqld.server.replication.source;

import io.minisqld.server.result.Column;
import io.minisqld.server.result.RowsResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * The replicas registered with this source (MySQL's {@code slave_list}): one entry per replica
 * {@code server_id}, the last registration winning, as MySQL's {@code register_slave} replaces an
 * entry with the same id. An entry goes when its dump ends ({@link #unregister}) or when the
 * connection that registered it is gone.
 *
 * <p>Thread-safe: a concurrent map; an unregistration removes an entry only if the same
 * connection still owns it, so a zombie dump that ends after its replacement registered never
 * removes the new entry.
 */
public final class ReplicaRegistry {
    private final Map<Long, RegisteredReplica> replicas = new ConcurrentHashMap<>();
    private final LongPredicate connectionAlive;

    /**
     * @param connectionAlive whether a connection id still has a session; entries of connections
     *                        that ended without a dump are dropped when the list is read
     */
    public ReplicaRegistry(LongPredicate connectionAlive) {
        this.connectionAlive = connectionAlive;
    }

    /** Adds or replaces the entry for {@code replica.serverId()}. */
    public void register(RegisteredReplica replica) {
        replicas.put(replica.serverId(), replica);
    }

    /** Removes the entry for {@code serverId} if connection {@code connectionId} registered it. */
    public void unregister(long serverId, long connectionId) {
        replicas.computeIfPresent(serverId, (id, r) -> r.connectionId() == connectionId ? null : r);
    }

    /** The live entries, ordered by server id. */
    public List<RegisteredReplica> list() {
        replicas.values().removeIf(r -> !connectionAlive.test(r.connectionId()));
        List<RegisteredReplica> out = new ArrayList<>(replicas.values());
        out.sort(Comparator.comparingLong(RegisteredReplica::serverId));
        return out;
    }

    /**
     * {@code SHOW SLAVE HOSTS} / {@code SHOW REPLICA HOSTS} with MySQL 5.7's columns: Server_id,
     * Host, Port, Master_id, Slave_UUID (the caller checks the REPLICATION SLAVE privilege).
     */
    public RowsResult showSlaveHosts() {
        List<Column> columns = List.of(Column.bigint("Server_id"), Column.textNotNull("Host"), Column.bigint("Port"),
                Column.bigint("Master_id"), Column.textNotNull("Slave_UUID"));
        List<List<?>> rows = new ArrayList<>();
        for (RegisteredReplica r : list()) {
            rows.add(Arrays.asList(r.serverId(), r.host(), (long) r.port(), r.masterId(), r.slaveUuid()));
        }
        return RowsResult.of(columns, rows);
    }
}
