/**
 * The bytes and packets of the MySQL client/server protocol (spec protocol.md §1–§2), for both
 * ends of a connection: the server's {@code protocol} package and the replica's client in
 * {@code replication.client} use the same pieces. One little-endian {@link
 * io.minisqld.server.wire.ByteReader}/{@link io.minisqld.server.wire.ByteWriter} pair (also for
 * binlog event bodies), one packet framing ({@link io.minisqld.server.wire.PacketChannel}, with
 * the client's strict sequence check as its {@code CLIENT} role), and one record per message with
 * its encoding and decoding: OK, ERR, EOF, the handshake ({@link
 * io.minisqld.server.wire.HandshakeV10}, {@link io.minisqld.server.wire.HandshakeResponse41},
 * {@link io.minisqld.server.wire.AuthSwitchRequest}) and the commands a replica sends (COM_QUERY,
 * COM_QUIT, COM_REGISTER_SLAVE, COM_BINLOG_DUMP). Imports only the {@code error} and {@code result}
 * leaves.
 */
package io.minisqld.server.wire;
