package io.minisqld.server.replication.client;

import io.minisqld.plugin.api.observer.SourceQueryException;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.EofPacket;
import io.minisqld.server.wire.ErrPacket;
import io.minisqld.server.wire.MalformedPacketException;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.ServerStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer to a COM_QUERY as a client (spec §1.6): OK, ERR, or a text result set (column
 * count, definitions, EOF, rows, EOF), repeated while the status says more results follow.
 */
final class TextResultReader {
    /** The next reply packet of the exchange; {@code stage} names the read in a lost-connection error. */
    @FunctionalInterface
    interface Replies {
        byte[] next(String stage) throws IOException;
    }

    private TextResultReader() {
    }

    /**
     * Each row a list of column values as text, null for SQL NULL; an empty list for a statement
     * answered with OK. Only the first result of a multi-result answer is returned; later ones
     * are read and dropped.
     *
     * @throws SourceQueryException the server answered with ERR
     */
    static List<List<String>> read(Replies replies) throws IOException, SourceQueryException {
        List<List<String>> rows = null;
        while (true) {
            byte[] first = replies.next("reading query result");
            int b = first[0] & 0xFF;
            if (b == ErrPacket.HEADER) throw MysqlClient.serverError(first);
            int status;
            if (b == OkPacket.HEADER) {
                status = OkPacket.decode(first).status();
                if (rows == null) rows = List.of();
            } else if (b == 0xFB) {
                // LOCAL INFILE request: this client sends no files
                throw ClientError.CR_MALFORMED_PACKET.exception();
            } else {
                long columns = new ByteReader(first).lenenc();
                for (long i = 0; i < columns; i++) replies.next("reading column definitions");
                byte[] eof = replies.next("reading column definitions");
                if (!EofPacket.isEof(eof)) throw ClientError.CR_MALFORMED_PACKET.exception();
                List<List<String>> read = new ArrayList<>();
                while (true) {
                    byte[] p = replies.next("reading rows");
                    if (ErrPacket.isErr(p)) throw MysqlClient.serverError(p);
                    if (EofPacket.isEof(p)) {
                        status = EofPacket.decode(p).status();
                        break;
                    }
                    read.add(row(p, (int) columns));
                }
                if (rows == null) rows = read;
            }
            if ((status & ServerStatus.MORE_RESULTS_EXISTS) == 0) return rows;
        }
    }

    private static List<String> row(byte[] payload, int columns) throws ClientErrorException {
        try {
            ByteReader r = new ByteReader(payload);
            List<String> row = new ArrayList<>(columns);
            for (int i = 0; i < columns; i++) {
                if ((payload[r.position()] & 0xFF) == 0xFB) {
                    r.skip(1);
                    row.add(null);
                } else {
                    row.add(r.lenencString());
                }
            }
            return row;
        } catch (MalformedPacketException | ArrayIndexOutOfBoundsException e) {
            throw ClientError.CR_MALFORMED_PACKET.exception();
        }
    }
}
