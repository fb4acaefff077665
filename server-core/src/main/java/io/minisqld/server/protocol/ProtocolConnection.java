package io.minisqld.server.protocol;

import io.minisqld.server.error.SqlError;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.PacketChannel;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and the body of its thread: connection phase, then commands, then
 * cleanup. Whatever ends it (COM_QUIT, EOF, a socket error, {@link #abort()}), the session's
 * {@link CommandHandler#close()} runs exactly once, on this connection's thread.
 */
final class ProtocolConnection implements ClientConnection, Runnable {
    private static final Logger log = LoggerFactory.getLogger(ProtocolConnection.class);

    private final long id;
    private final Socket socket;
    private final ServerEndpoint endpoint;
    private final ConnectionPhase connectionPhase;
    private final Map<Integer, RawCommand> rawCommands;
    private final Consumer<ProtocolConnection> onEnd;
    /** The channel and the session once authenticated, for {@link #checkWriteTimeout} from the listener's thread. */
    private volatile PacketChannel channel;
    private volatile CommandHandler session;

    ProtocolConnection(long id, Socket socket, ServerEndpoint endpoint, ConnectionPhase connectionPhase,
                       Map<Integer, RawCommand> rawCommands, Consumer<ProtocolConnection> onEnd) {
        this.id = id;
        this.socket = socket;
        this.endpoint = endpoint;
        this.connectionPhase = connectionPhase;
        this.rawCommands = rawCommands;
        this.onEnd = onEnd;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return remoteHost() + ":" + socket.getPort();
    }

    /** The peer's IP address as text, the host part of the account the client logs in as. */
    String remoteHost() {
        return socket.getInetAddress() == null ? "" : socket.getInetAddress().getHostAddress();
    }

    /** Closes the socket; the connection's thread then fails its next read or write and ends. */
    @Override
    public void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("connection {}: closing the socket failed: {}", id, e.getMessage());
        }
    }

    /**
     * Closes the connection when a write to the client has been blocked longer than the session's
     * net_write_timeout (a client that stopped reading), as MySQL gives such a write up. Called by
     * the listener's watchdog thread.
     */
    void checkWriteTimeout(long now) {
        PacketChannel c = channel;
        CommandHandler h = session;
        if (c == null || h == null) return;
        long limit = h.timeouts().write().toNanos();
        if (limit > 0 && c.writeBlockedNanos(now) > limit) {
            h.aborted("Got timeout writing communication packets");
            abort();
        }
    }

    @Override
    public void run() {
        CommandHandler handler = null;
        boolean authenticated = false;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, endpoint.connectTimeout().toMillis()));
            PacketChannel channel = PacketChannel.server(socket, endpoint::countBytes, ConnectionPhase.HANDSHAKE_MAX_PACKET);
            try {
                endpoint.admit(remoteHost());
            } catch (SqlError blocked) {
                // MySQL sends the refusal in place of the greeting
                channel.setNextSequenceId(0);
                channel.writeError(blocked);
                channel.finishOutput();
                return;
            }
            ConnectionPhase.Accepted accepted;
            try {
                accepted = connectionPhase.authenticate(channel, this);
            } catch (IOException | RuntimeException e) {
                endpoint.handshakeError(remoteHost());
                throw e;
            }
            if (accepted == null) {
                return;
            }
            handler = accepted.handler();
            // over TLS from here on when the client asked for it
            PacketChannel active = accepted.channel();
            active.writeOk(OkPacket.plain(handler.statusFlags()));
            active.flush();
            authenticated = true;
            socket.setSoTimeout(0);
            this.session = handler;
            this.channel = active;
            new CommandDispatcher(active, handler, this, rawCommands, accepted.capabilities(),
                    c -> connectionPhase.changeUser(active, this, c, accepted.scramble(), accepted.capabilities())).run();
        } catch (EOFException | SocketException e) {
            log.debug("connection {}: ended: {}", id, e.getMessage());
        } catch (IOException e) {
            log.debug("connection {}: I/O error: {}", id, e.toString());
        } catch (RuntimeException e) {
            log.error("connection {}: unexpected failure", id, e);
        } finally {
            if (!authenticated) {
                endpoint.abortedConnect();
            }
            abort();
            if (handler != null) {
                try {
                    handler.close();
                } catch (RuntimeException e) {
                    log.error("connection {}: closing the session failed", id, e);
                }
            }
            onEnd.accept(this);
        }
    }

}
