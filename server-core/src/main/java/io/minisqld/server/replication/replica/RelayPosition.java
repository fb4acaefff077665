package io.minisqld.server.replication.replica;

/** A position in this replica's relay log (Relay_Log_File / Relay_Log_Pos). */
public record RelayPosition(String file, long position) {
}
