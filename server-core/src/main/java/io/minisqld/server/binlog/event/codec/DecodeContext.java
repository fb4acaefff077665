package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * What decoding one event needs from the events before it in the same stream (one binlog or relay
 * log file, one replication stream), as MySQL's readers carry it:
 * <ul>
 *   <li>the format the stream's last FORMAT_DESCRIPTION event declared: the post-header length of
 *       each event type and the checksum algorithm of the events after it (protocol.md §3.4);
 *       {@link EventFraming#decode} installs each FDE it decodes;</li>
 *   <li>the table maps of the statement being read, by table id: a ROWS event names its table by
 *       an id that a TABLE_MAP event of the same statement defined (spec row-events A.3, A.11.1).
 *       Nothing fills it yet; the TABLE_MAP codec will, and the end of a statement will clear it.</li>
 * </ul>
 *
 * <p>Not thread-safe: one context per reader of a stream, used by that reader's thread only.
 */
public final class DecodeContext {
    /** The server version of the format assumed before a stream's first FDE. */
    private static final String ASSUMED_VERSION = "5.7.44";

    private FormatDescriptionEvent format;
    private final Map<Long, EventBody> tableMaps = new HashMap<>();

    private DecodeContext(FormatDescriptionEvent format) {
        this.format = format;
    }

    /**
     * A stream whose FDE has not been read yet: MySQL 5.7's post-header lengths, and the events'
     * checksum as announced out of band (a replica's {@code @master_binlog_checksum}; NONE for a
     * file, whose first event is its FDE, which decodes by its own declaration).
     */
    public static DecodeContext assuming(ChecksumAlgorithm checksum) {
        return new DecodeContext(FormatDescriptionEvent.mysql57(ASSUMED_VERSION, 0, checksum));
    }

    /** The format in force: the last FDE decoded, or the one assumed. */
    public FormatDescriptionEvent format() {
        return format;
    }

    /** The checksum algorithm of the events that follow. */
    public ChecksumAlgorithm checksum() {
        return format.checksumAlgorithm();
    }

    /** The post-header length the format gives an event type (0 for types beyond its table). */
    public int postHeaderLength(int type) {
        return format.postHeaderLength(type);
    }

    /** The TABLE_MAP bodies of the current statement, by table id (mutable, for the codecs). */
    public Map<Long, EventBody> tableMaps() {
        return tableMaps;
    }

    /** An FDE was decoded: the events after it follow its format. */
    void formatDescribed(FormatDescriptionEvent fde) {
        format = fde;
    }
}
