package io.minisqld.semisync.slave;

import io.minisqld.plugin.api.observer.ReadEvent;

/**
 * The 2-byte header a semisync source puts in front of every event it sends to a semisync
 * replica (spec semisync.md §2.5): {@code 0xEF}, then a flag byte whose bit {@code 0x01} asks
 * the replica to acknowledge the event once it is durable.
 */
final class SemiSyncHeader {
    static final int LENGTH = 2;
    static final int SYNC_FLAG = 0x01;

    private SemiSyncHeader() {
    }

    /**
     * Removes the header from the front of {@code event}'s view and returns whether the source
     * asked for a reply.
     *
     * @throws MissingMagicException when the view does not start with the header; MySQL's replica
     *                               stops its IO thread then (§3)
     */
    static boolean strip(ReadEvent event) {
        if (event.length() < LENGTH || event.get(0) != SemiSyncReply.MAGIC) {
            throw new MissingMagicException(event.length());
        }
        boolean needReply = (event.get(1) & SYNC_FLAG) != 0;
        event.strip(LENGTH);
        return needReply;
    }

    /** An event without the semisync header while semisync was negotiated. */
    static final class MissingMagicException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingMagicException(int length) {
            super("Missing magic number for semi-sync packet, packet len: " + length);
        }
    }
}
