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
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.ER_BASE64_DECODE_ERROR.error();
        }
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

    private static String typeName(int type) {
        return io.minisqld.server.binlog.event.EventType.showName(type);
    }
}
