package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.QueryStatusVariables;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

import java.nio.charset.StandardCharsets;

/**
 * QUERY body (§3.5): 13-byte post-header (thread id, exec time, db length, error code, status
 * length), status variables, database + NUL, SQL text up to the end of the body.
 */
final class QueryCodec implements EventBodyCodec<QueryEvent> {
    private final QueryStatusCodec status = new QueryStatusCodec();

    @Override
    public int type() {
        return EventType.QUERY.code();
    }

    @Override
    public Class<QueryEvent> bodyClass() {
        return QueryEvent.class;
    }

    @Override
    public void encode(QueryEvent e, ByteWriter out) {
        byte[] db = e.database().getBytes(StandardCharsets.UTF_8);
        if (db.length > 255) throw new IllegalArgumentException("database name longer than 255 bytes");
        ByteWriter vars = new ByteWriter();
        status.encode(e.status() == null ? QueryStatusVariables.NONE : e.status(), vars);
        out.int4(e.threadId()).int4(e.execTime()).int1(db.length).int2(e.errorCode()).int2(vars.size())
                .bytes(vars.toByteArray())
                .bytes(db).int1(0)
                .bytes(queryCharset(e.status()).encode(e.sql()));
    }

    /**
     * The character set of the statement's bytes: the client's, which Q_CHARSET names, as MySQL
     * logs the bytes the client sent (a replica reads them with the same character_set_client).
     * Bytes that were no character in it go back as they came; without Q_CHARSET, or with a
     * collation this server does not know, utf8mb4 (whose decoding keeps every byte too).
     */
    private static MysqlCharset queryCharset(QueryStatusVariables status) {
        if (status == null || status.charset() == null) return MysqlCharset.UTF8MB4;
        Collation client = Collation.byId(status.charset().client());
        return client == null ? MysqlCharset.UTF8MB4 : client.charset();
    }

    @Override
    public QueryEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        long threadId = in.int4();
        long execTime = in.int4();
        int dbLength = in.int1();
        int errorCode = in.int2();
        int statusLength = in.int2();
        QueryStatusVariables vars = status.decode(in.bytes(statusLength));
        String db = in.utf8(dbLength);
        if (in.int1() != 0) throw new EventFormatException("query event: database name not NUL-terminated");
        return new QueryEvent(threadId, execTime, errorCode, db, queryCharset(vars).decode(in.restBytes()), vars);
    }
}
