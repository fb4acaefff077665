package io.minisqld.plugin.api.observer;

import java.io.IOException;
import java.util.List;

/**
 * The replica IO thread's client connection to its source, as seen by
 * {@link BinlogRelayIoObserver} hooks. Only the IO thread uses it, and only inside the hooks it
 * runs: a plugin must not keep it or use it from another thread.
 */
public interface SourceConnection {

    /**
     * Runs one statement on the source over the text protocol (COM_QUERY) and returns its rows;
     * valid only before the dump request is sent, i.e. in
     * {@link BinlogRelayIoObserver#beforeRequestTransmit}. Semisync runs
     * {@code SELECT @@global.rpl_semi_sync_master_enabled} and {@code SET @rpl_semi_sync_slave= 1}
     * here.
     *
     * @return the result rows, each a list of column values in their text form (null for SQL
     *         NULL); an empty list for a statement without a result set
     * @throws SourceQueryException the source answered with an error packet
     * @throws IOException          the connection failed
     */
    List<List<String>> query(String sql) throws SourceQueryException, IOException;

    /**
     * Sends one packet to the source on the replication connection, after the dump request, and
     * flushes it. MySQL's sequence-number rule for a semisync reply applies: the packet is sent
     * with sequence number 0 (MySQL clears the NET before writing the reply), independent of the
     * sequence of the event stream, and the source expects exactly that. Used by semisync's
     * {@code after_queue_event} to send its acknowledgement ({@code 0xEF}, 8-byte little-endian
     * position, file base name).
     *
     * @throws IOException the write failed (semisync logs it and carries on)
     */
    void writePacket(byte[] payload) throws IOException;
}
