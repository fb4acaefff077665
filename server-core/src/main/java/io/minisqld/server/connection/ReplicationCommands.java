package io.minisqld.server.connection;

import io.minisqld.server.protocol.RawCommand;
import io.minisqld.server.replication.source.ReplicationSource;
import io.minisqld.server.session.Session;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.wire.BinlogDumpCommand;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.RegisterSlaveCommand;
import java.io.IOException;

/**
 * The replication commands a replica sends, adapted from the protocol's {@link RawCommand}s to
 * the {@link ReplicationSource}; the composition root registers {@link #registerSlave} for
 * COM_REGISTER_SLAVE (0x15) and {@link #binlogDump} for COM_BINLOG_DUMP (0x12). Both need
 * REPLICATION SLAVE, checked before the packet is read, as MySQL 5.7 does (else ERR 1227 and the
 * connection goes on). They run on the connection's thread.
 */
public final class ReplicationCommands {
    private final ReplicationSource source;
    private final SessionManager sessions;

    public ReplicationCommands(ReplicationSource source, SessionManager sessions) {
        this.source = source;
        this.sessions = sessions;
    }

    /** COM_REGISTER_SLAVE (protocol.md §2.1): registers the replica and answers OK. */
    public RawCommand.Outcome registerSlave(byte[] payload, RawCommand.Context context) throws IOException {
        Session session = sessionOf(context);
        source.requireReplicationSlave(session);
        source.registerReplica(session, RegisterSlaveCommand.decode(payload));
        context.channel().writeOk(OkPacket.plain(context.handler().statusFlags()));
        return RawCommand.Outcome.CONTINUE;
    }

    /**
     * COM_BINLOG_DUMP (protocol.md §2.2): the connection becomes the replica's dump thread until
     * the dump ends, and then closes (MySQL's "fake COM_QUIT").
     */
    public RawCommand.Outcome binlogDump(byte[] payload, RawCommand.Context context) {
        Session session = sessionOf(context);
        source.requireReplicationSlave(session);
        BinlogDumpCommand request = BinlogDumpCommand.decode(payload);
        // a replica sends nothing while it has nothing to acknowledge: the dump's reader waits for
        // its packets (or its close) however long it is quiet, not net_read_timeout (the read
        // timeout the command was read with), which ended every idle dump after 30 s
        try {
            context.channel().setReadTimeout(java.time.Duration.ZERO);
        } catch (java.io.IOException e) {
            return RawCommand.Outcome.CLOSE;
        }
        source.dump(session, new ProtocolReplicaLink(context.channel(), context.connection()), request);
        return RawCommand.Outcome.CLOSE;
    }

    /**
     * COM_BINLOG_DUMP_GTID (row-events B.8): as {@link #binlogDump}, positioned by the replica's
     * GTIDs; a set that is not MySQL's binary form is a malformed packet (1835).
     */
    public RawCommand.Outcome binlogDumpGtid(byte[] payload, RawCommand.Context context) {
        Session session = sessionOf(context);
        source.requireReplicationSlave(session);
        io.minisqld.server.wire.BinlogDumpGtidCommand request;
        io.minisqld.server.gtid.GtidSet gtids;
        try {
            request = io.minisqld.server.wire.BinlogDumpGtidCommand.decode(payload);
            gtids = io.minisqld.server.gtid.GtidSet.decode(request.gtids(), 0, request.gtids().length);
        } catch (RuntimeException malformed) {
            throw io.minisqld.server.error.ErrorCode.ER_MALFORMED_PACKET.error();
        }
        try {
            context.channel().setReadTimeout(java.time.Duration.ZERO);
        } catch (java.io.IOException e) {
            return RawCommand.Outcome.CLOSE;
        }
        source.dump(session, new ProtocolReplicaLink(context.channel(), context.connection()), request.asFileDump(),
                gtids);
        return RawCommand.Outcome.CLOSE;
    }

    /** The session of an authenticated connection: sessions take their connection's id. */
    private Session sessionOf(RawCommand.Context context) {
        long id = context.connection().id();
        return sessions.get(id).orElseThrow(() -> new IllegalStateException("no session for connection " + id));
    }
}
