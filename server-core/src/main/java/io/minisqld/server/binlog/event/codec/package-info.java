/**
 * Bytes of binlog events: one {@link io.minisqld.server.binlog.event.codec.EventBodyCodec} per
 * event type in the {@link io.minisqld.server.binlog.event.codec.EventCodecs} table, and
 * {@link io.minisqld.server.binlog.event.codec.EventFraming} for the header, lengths, positions and
 * CRC32 of whole events.
 */
package io.minisqld.server.binlog.event.codec;
