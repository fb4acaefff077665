package io.minisqld.server.protocol;

import io.minisqld.server.result.Column;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.ProcedureResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.EofPacket;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.PacketSink;
import io.minisqld.server.wire.ServerStatus;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes each statement result of one COM_QUERY as it arrives: an OK packet, or a text result
 * set (spec §1.6: column count, definitions, EOF, rows, EOF). Every result but the last carries
 * SERVER_MORE_RESULTS_EXISTS. Packets are only buffered; the dispatcher flushes once per request.
 */
final class TextResultWriter implements ResultSink {
    private final PacketSink channel;
    private int sent;
    private boolean moreAnnounced;

    /** Reads a file the client sends for LOAD DATA LOCAL INFILE; null when the client offers none. */
    interface LocalFiles {
        byte[] read(String name) throws java.io.IOException;
    }

    private final LocalFiles localFiles;

    TextResultWriter(PacketSink channel) {
        this(channel, null);
    }

    TextResultWriter(PacketSink channel, LocalFiles localFiles) {
        this.channel = channel;
        this.localFiles = localFiles;
    }

    @Override
    public byte[] localFile(String name) {
        if (localFiles == null) throw io.minisqld.server.error.ErrorCode.ER_NOT_ALLOWED_COMMAND.error();
        try {
            return localFiles.read(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void send(StatementResult result, int statusFlags, int warnings, boolean more) {
        int status = more ? statusFlags | ServerStatus.MORE_RESULTS_EXISTS : statusFlags & ~ServerStatus.MORE_RESULTS_EXISTS;
        try {
            if (result instanceof OkResult ok) {
                channel.writePacket(OkPacket.of(ok, status, warnings).encode());
            } else if (result instanceof ProcedureResult p) {
                // CALL: each result set announces more; the CALL's OK ends it (text protocol: no OUT row)
                for (RowsResult rows : p.resultSets()) {
                    writeRows(rows, statusFlags | ServerStatus.MORE_RESULTS_EXISTS, warnings);
                }
                channel.writePacket(OkPacket.of(p.ok(), status, warnings).encode());
            } else {
                writeRows((RowsResult) result, status, warnings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sent++;
        moreAnnounced = more;
    }

    private void writeRows(RowsResult rows, int status, int warnings) throws IOException {
        channel.writePacket(new ByteWriter(9).lenenc(rows.columns().size()).toByteArray());
        for (Column c : rows.columns()) {
            channel.writePacket(ColumnDefinitionPacket.encode(c));
        }
        byte[] eof = new EofPacket(warnings, status).encode();
        channel.writePacket(eof);
        for (byte[][] row : rows.rows()) {
            int size = 0;
            for (byte[] v : row) {
                size += v == null ? 1 : v.length + 9;
            }
            ByteWriter w = new ByteWriter(size);
            for (byte[] v : row) {
                w.lenencBytes(v);
            }
            channel.writePacket(w.toByteArray());
        }
        channel.writePacket(eof);
    }

    /** How many results were written. */
    int sent() {
        return sent;
    }

    /** True if the last result written promised another one. */
    boolean moreAnnounced() {
        return moreAnnounced;
    }
}
