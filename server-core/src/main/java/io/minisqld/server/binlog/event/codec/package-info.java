/**
 * Bytes of binlog events: one {@link io.minisqld.server.binlog.event.codec.EventBodyCodec} per
 * event type, registered by one line in the {@link io.minisqld.server.binlog.event.codec.EventCodecs}
 * table; {@link io.minisqld.server.binlog.event.codec.EventFraming} for the header, lengths,
 * positions and CRC32 of whole events; and the
 * {@link io.minisqld.server.binlog.event.codec.DecodeContext} a stream of events is decoded in
 * (the format its FDE declared, the current statement's table maps).
 */
package io.minisqld.server.binlog.event.codec;
