package io.minisqld.server.replication.replica;

import java.io.IOException;

/**
 * No event and no heartbeat for slave_net_timeout: the IO thread reconnects without logging the
 * failed read (MySQL suppresses it).
 */
final class SourceReadTimeout extends IOException {
    private static final long serialVersionUID = 1L;

    SourceReadTimeout(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
