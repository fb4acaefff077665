/**
 * A small MySQL client for the replica's IO thread (protocol.md §1 from the client's side, §2.1,
 * §2.2): {@link io.minisqld.server.replication.client.MysqlClient} connects with
 * mysql_native_password (following an auth switch), runs COM_QUERY with text result sets, and
 * reads and writes raw packets with their sequence ids for COM_REGISTER_SLAVE
 * ({@link io.minisqld.server.replication.client.RegisterSlaveCommand}) and the binlog stream of
 * COM_BINLOG_DUMP ({@link io.minisqld.server.replication.client.BinlogDumpCommand}). It talks to
 * minisqld and to a real MariaDB 10.11 alike. Nothing here knows about relay logs or threads.
 */
package io.minisqld.server.replication.client;
