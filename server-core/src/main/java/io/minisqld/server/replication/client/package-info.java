/**
 * A small MySQL client for the replica's IO thread (protocol.md §1 from the client's side, §2.1,
 * §2.2): {@link io.minisqld.server.replication.client.MysqlClient} connects with
 * mysql_native_password (following an auth switch), runs COM_QUERY with text result sets, and
 * writes and reads raw packets with their sequence ids for COM_REGISTER_SLAVE and the binlog
 * stream of COM_BINLOG_DUMP (the messages are {@code io.minisqld.server.wire}'s, framed by its
 * {@link io.minisqld.server.wire.PacketChannel}). It talks to minisqld and to a real MariaDB 10.11
 * alike. Nothing here knows about relay logs or threads.
 */
package io.minisqld.server.replication.client;
