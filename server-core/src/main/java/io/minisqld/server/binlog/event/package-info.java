/**
 * Binlog v4 events as values: the 19-byte {@link io.minisqld.server.binlog.event.EventHeader},
 * the sealed {@link io.minisqld.server.binlog.event.EventBody} with one record per event type,
 * and the small tables around them (types, flags, checksum algorithms, sql_mode bits). Bytes are
 * made and read in {@code event.codec}. Layouts: protocol.md §3.
 */
package io.minisqld.server.binlog.event;
