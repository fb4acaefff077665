package io.minisqld.server.statements;

import io.minisqld.server.binlog.event.BinlogEvent;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.binlog.event.codec.DecodeContext;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.replication.replica.RowApplier;
import io.minisqld.server.replication.replica.RowStatements;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import java.util.Base64;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * {@code BINLOG 'base64'} (MySQL 5.7's BINLOG statement, which mysqlbinlog and mariadb-binlog
 * print for the events they cannot show as SQL): the format description first, then table maps
 * and row events, which are applied to the session's tables as the replica's SQL thread applies
 * them. Other events are 1730, row events before a format description 1609; SUPER is needed.
 * Each session reads its BINLOG statements as one stream (the format and table maps carry over).
 */
final class BinlogEventStatements {
    private final Map<Session, DecodeContext> streams = new WeakHashMap<>();
    private final ServerContext server;
    /** Runs the row changes as statements nested in the BINLOG statement that carries them. */
    private final RowStatements applier;

    BinlogEventStatements(ServerContext server, StatementExecutor executor) {
        this.server = server;
        this.applier = (session, sql) -> ReplicationApplier.matchedRows(session,
                () -> executor.executeNested(session, executor.lexer().statement(sql)));
    }

    StatementResult execute(Session s, String base64) {
        if (!server.accounts().hasGlobal(s.account(), Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error("SUPER");
        }
        byte[] bytes = decodeChunks(base64);
        DecodeContext stream;
        synchronized (streams) {
            stream = streams.get(s);
        }
        int at = 0;
        while (at + 19 <= bytes.length) {
            int length = (bytes[at + 9] & 0xFF) | (bytes[at + 10] & 0xFF) << 8 | (bytes[at + 11] & 0xFF) << 16
                    | (bytes[at + 12] & 0xFF) << 24;
            if (length < 19 || at + length > bytes.length) throw ErrorCode.ER_BASE64_DECODE_ERROR.error();
            int type = bytes[at + 4] & 0xFF;
            byte[] event = java.util.Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            if (type == 15) {
                stream = DecodeContext.assuming(ChecksumAlgorithm.NONE);
                synchronized (streams) {
                    streams.put(s, stream);
                }
            } else if (stream == null) {
                throw ErrorCode.ER_NO_FORMAT_DESCRIPTION_EVENT_BEFORE_BINLOG_STATEMENT.error(typeName(type));
            }
            BinlogEvent decoded;
            try {
                decoded = EventFraming.decode(event, stream);
            } catch (EventFormatException e) {
                throw ErrorCode.ER_BASE64_DECODE_ERROR.error();
            }
            EventBody body = decoded.body();
            if (body instanceof RowsEvent rows) {
                RowApplier.apply(s, applier, rows);
            } else if (!(body instanceof FormatDescriptionEvent) && !(body instanceof TableMapEvent)) {
                throw ErrorCode.ER_ONLY_FD_AND_RBR_EVENTS_ALLOWED_IN_BINLOG_STATEMENT.error(typeName(type));
            }
        }
        return OkResult.EMPTY;
    }

    /**
     * The bytes of a BINLOG statement's text: base64 in lines, possibly several encodings one after
     * the other (mariadb-binlog encodes each event on its own, so '=' padding may end one and the
     * next begin), as the server's decoder takes them; 1575 for anything else.
     */
    static byte[] decodeChunks(String base64) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(base64.length() * 3 / 4);
        StringBuilder chunk = new StringBuilder();
        try {
            for (int i = 0; i < base64.length(); i++) {
                char c = base64.charAt(i);
                if (Character.isWhitespace(c)) continue;
                chunk.append(c);
                boolean padded = c == '=';
                boolean chunkEnds = padded && (i + 1 >= base64.length() || nextNonBlank(base64, i + 1) != '=');
                if (chunkEnds) {
                    out.writeBytes(Base64.getDecoder().decode(chunk.toString()));
                    chunk.setLength(0);
                }
            }
            if (chunk.length() > 0) out.writeBytes(Base64.getDecoder().decode(chunk.toString()));
        } catch (IllegalArgumentException e) {
            throw ErrorCode.ER_BASE64_DECODE_ERROR.error();
        }
        return out.toByteArray();
    }

    private static char nextNonBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) return s.charAt(i);
        }
        return 0;
    }

    private static String typeName(int type) {
        return io.minisqld.server.binlog.event.EventType.showName(type);
    }
}
