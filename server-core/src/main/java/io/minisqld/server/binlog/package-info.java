/**
 * Logs in binlog format on disk: {@link io.minisqld.server.binlog.LogFileSet} (numbered files and
 * their index: append, rotate, purge, reset, the torn tail a crash left cut at open), shared by
 * the binary log ({@link io.minisqld.server.binlog.BinlogFileSet}) and the replica's relay log,
 * each of which supplies a {@link io.minisqld.server.binlog.LogFileKind}; and
 * {@link io.minisqld.server.binlog.BinlogReader} (events of one file from an event boundary, never
 * past a caller's end). Events are in {@code binlog.event}; the commit pipeline and crash recovery
 * built on these are in {@code binlog.commit}.
 */
package io.minisqld.server.binlog;
