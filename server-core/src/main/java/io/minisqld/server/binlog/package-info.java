/**
 * The binary log on disk: {@link io.minisqld.server.binlog.BinlogFileSet} (files, index, append,
 * rotate, purge, reset, start-up recovery of a torn tail) and
 * {@link io.minisqld.server.binlog.BinlogReader} (events of one file from an event boundary, never
 * past a caller's end). Events are in {@code binlog.event}; the commit pipeline and crash recovery
 * built on these are in {@code binlog.commit}.
 */
package io.minisqld.server.binlog;
