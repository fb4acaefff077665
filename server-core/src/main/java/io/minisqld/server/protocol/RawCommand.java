package io.minisqld.server.protocol;

import io.minisqld.server.wire.PacketChannel;
import java.io.IOException;

/**
 * A command that takes over a connection's packet stream instead of going through {@link
 * CommandHandler}: the extension point for replication's COM_REGISTER_SLAVE (0x15) and
 * COM_BINLOG_DUMP (0x12), registered with {@link ProtocolListener#registerRawCommand}.
 *
 * <p>It runs on the connection's thread after the client authenticated. The request has been
 * read and the channel's next sequence id is the request's plus one, so the command writes its
 * answer (or its stream of events) with {@link PacketChannel#writePacket} and flushes it itself.
 * A {@link io.minisqld.server.error.SqlError} it throws is sent as ERR under the next sequence id
 * and the connection goes on; an {@link IOException} ends the connection quietly.
 */
@FunctionalInterface
public interface RawCommand {

    /**
     * @param payload the whole request, command byte first
     * @return whether the connection reads the next command or closes
     */
    Outcome execute(byte[] payload, Context context) throws IOException;

    /** What the connection does after a raw command returned. */
    enum Outcome {
        /** Read the next command (e.g. after COM_REGISTER_SLAVE, or a non-blocking dump's EOF). */
        CONTINUE,
        /** Close the connection (e.g. a dump ended by KILL or a replica going away). */
        CLOSE
    }

    /**
     * What a raw command works with.
     *
     * @param handler    the session of the authenticated client (the server's own implementation,
     *                   for user variables such as {@code @rpl_semi_sync_slave} and privileges)
     * @param connection the connection, for its id and peer address and to abort it
     * @param channel    the connection's packet stream, framed and split at 16 MiB as spec §1.1
     *                   says; its writing methods belong to the thread running the command, and
     *                   {@link PacketChannel#readPacket()} may run on one other thread at a time
     *                   (a semisync ACK receiver)
     */
    record Context(CommandHandler handler, ClientConnection connection, PacketChannel channel) {
    }
}
