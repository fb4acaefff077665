package io.minisqld.server.binlog.event.codec;

import java.io.IOException;

/** Bytes that are not a well-formed binlog event (wrong length, short body, bad field). */
public class EventFormatException extends IOException {
    public EventFormatException(String message) {
        super(message);
    }
}
