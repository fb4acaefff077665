/**
 * Adapts one client connection to the server (docs/architecture.md): {@link
 * io.minisqld.server.connection.SessionOpener} authenticates a new connection and opens its
 * session, {@link io.minisqld.server.connection.ClientSessionHandler} turns its commands into
 * session and statement-executor calls, and {@link
 * io.minisqld.server.connection.ReplicationCommands} carries COM_REGISTER_SLAVE and
 * COM_BINLOG_DUMP to the replication source. May import everything below it; nothing but the
 * composition root imports it.
 */
package io.minisqld.server.connection;
