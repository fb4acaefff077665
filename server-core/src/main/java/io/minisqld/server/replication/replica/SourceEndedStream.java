package io.minisqld.server.replication.replica;

import java.io.IOException;

/** The source ended the binlog stream with EOF (its dump thread was killed): reconnect, as after a lost connection. */
final class SourceEndedStream extends IOException {
    private static final long serialVersionUID = 1L;

    SourceEndedStream(String message) {
        super(message);
    }
}
