package io.minisqld.server.binlog.event;

/** A decoded event: its header and body. */
public record BinlogEvent(EventHeader header, EventBody body) {
}
