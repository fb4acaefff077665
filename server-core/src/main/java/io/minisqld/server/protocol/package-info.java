/**
 * The MySQL client/server protocol 4.1 (spec protocol.md §1): {@link
 * io.minisqld.server.protocol.ProtocolListener} accepts connections, runs the handshake with
 * mysql_native_password (switching clients that offer another plugin), and turns commands into
 * {@link io.minisqld.server.protocol.CommandHandler} calls; it never interprets SQL. Commands that
 * need the raw packet stream (COM_REGISTER_SLAVE, COM_BINLOG_DUMP) are registered as {@link
 * io.minisqld.server.protocol.RawCommand}s.
 */
package io.minisqld.server.protocol;
