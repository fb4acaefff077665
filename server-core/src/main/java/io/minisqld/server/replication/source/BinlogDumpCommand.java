package io.minisqld.server.replication.source;

import io.minisqld.server.protocol.RawCommand;
import io.minisqld.server.session.Session;
import java.io.IOException;

/**
 * COM_BINLOG_DUMP (0x12, protocol.md §2.2): needs REPLICATION SLAVE (else ERR 1227 and the
 * connection goes on, as MySQL 5.7's {@code com_binlog_dump}); otherwise the connection becomes
 * the replica's dump thread until the dump ends, and then closes (MySQL's "fake COM_QUIT").
 */
final class BinlogDumpCommand implements RawCommand {
    private final ReplicationSource source;

    BinlogDumpCommand(ReplicationSource source) {
        this.source = source;
    }

    @Override
    public Outcome execute(byte[] payload, Context context) throws IOException {
        Session session = source.sessionOf(context.handler());
        source.requireReplicationSlave(session);
        BinlogDumpRequest request = BinlogDumpRequest.parse(payload);
        source.dump(session, context.connection(), context.channel(), request);
        return Outcome.CLOSE;
    }
}
