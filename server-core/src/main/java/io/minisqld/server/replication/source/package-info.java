/**
 * The source side of replication (DESIGN.md "replication"; spec protocol.md §2.1–2.2, §3.7–3.9,
 * §3.13; semisync.md §1.6): {@link io.minisqld.server.replication.source.ReplicationSource}
 * carries out COM_REGISTER_SLAVE and COM_BINLOG_DUMP, which the composition root registers with
 * the protocol; a dump writes to a {@link io.minisqld.server.replication.source.ReplicaLink} and
 * never sees the protocol. Each dump runs on its replica's connection thread as MySQL 5.7's
 * {@code Binlog_sender} does (fake ROTATE, FDE, events up to the published end, rotations,
 * heartbeats, 1236 errors), calls the binlog transmit hooks at MySQL's points and gives plugins
 * the dump connection as a {@link io.minisqld.plugin.api.observer.ReplicaConnection}. Registered
 * replicas are listed by {@code SHOW SLAVE HOSTS}.
 */
package io.minisqld.server.replication.source;
