package io.minisqld.server.connection;

import io.minisqld.server.protocol.ClientConnection;
import io.minisqld.server.replication.source.ReplicaLink;
import io.minisqld.server.wire.PacketChannel;
import java.io.IOException;

/** A dump's {@link ReplicaLink} over the protocol's connection that received COM_BINLOG_DUMP. */
record ProtocolReplicaLink(PacketChannel channel, ClientConnection connection) implements ReplicaLink {

    @Override
    public void writePacket(byte[] payload) throws IOException {
        channel.writePacket(payload);
    }

    @Override
    public void flush() throws IOException {
        channel.flush();
    }

    @Override
    public byte[] readPacket() throws IOException {
        return channel.readPacket();
    }

    @Override
    public void setNextSequenceId(int sequenceId) {
        channel.setNextSequenceId(sequenceId);
    }

    @Override
    public void abort() {
        connection.abort();
    }
}
