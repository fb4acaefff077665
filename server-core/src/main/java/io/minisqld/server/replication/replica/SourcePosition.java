package io.minisqld.server.replication.replica;

/** A position in the source's binlog (Master_Log_File / Read_Master_Log_Pos or Exec_Master_Log_Pos). */
public record SourcePosition(String file, long position) {
    /** Where a replica without coordinates starts: the first file of the source's index. */
    public static final SourcePosition START = new SourcePosition("", 4);
}
