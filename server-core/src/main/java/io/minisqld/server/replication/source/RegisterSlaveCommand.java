package io.minisqld.server.replication.source;

import io.minisqld.server.protocol.RawCommand;
import io.minisqld.server.session.Session;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.OkPacket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * COM_REGISTER_SLAVE (0x15, protocol.md §2.1): a replica tells the source who it is before it
 * dumps; the entry shows in {@code SHOW SLAVE HOSTS}. As MySQL 5.7's {@code register_slave}: needs
 * REPLICATION SLAVE, a master id of 0 means this server, and the connection takes the replica's
 * server id.
 */
final class RegisterSlaveCommand implements RawCommand {
    /** The command byte. */
    static final int COMMAND = 0x15;

    private final ReplicationSource source;

    RegisterSlaveCommand(ReplicationSource source) {
        this.source = source;
    }

    @Override
    public Outcome execute(byte[] payload, Context context) throws IOException {
        Session session = source.sessionOf(context.handler());
        source.requireReplicationSlave(session);
        ByteReader in = new ByteReader(payload, 1);
        long serverId = in.int4();
        String host = shortString(in);
        String user = shortString(in);
        String password = shortString(in);
        int port = in.int2();
        long rank = in.int4();
        long masterId = in.int4();
        if (masterId == 0) masterId = source.serverId();
        Object uuid = session.userVariables().get("slave_uuid");
        source.replicas().register(new RegisteredReplica(serverId, host, user, password, port, rank, masterId,
                session.id(), uuid == null ? "" : uuid.toString()));
        context.channel().writeOk(OkPacket.plain(context.handler().statusFlags()));
        return Outcome.CONTINUE;
    }

    /** A 1-byte length and that many bytes, the layout of report_host, report_user and report_password. */
    private static String shortString(ByteReader in) {
        int length = in.int1();
        return new String(in.bytes(length), StandardCharsets.UTF_8);
    }

}
