package io.minisqld.server.protocol;

import io.minisqld.server.wire.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TCP front door for the MySQL client/server protocol: one accept thread and one
 * thread per connection, as MySQL runs them, all created by the given {@link ThreadFactory}.
 * Each connection does the handshake, asks the {@link ServerEndpoint} for a session, and then
 * turns client commands into {@link CommandHandler} calls. It never interprets SQL.
 *
 * <p>Replication plugs in through {@link #registerRawCommand}: a command byte such as
 * COM_REGISTER_SLAVE (0x15) or COM_BINLOG_DUMP (0x12) can be given a {@link RawCommand} that
 * takes over the connection's packet stream.
 *
 * <p>Usage: {@code new ProtocolListener(endpoint, "127.0.0.1", 3306, threads)}, then {@link
 * #start()}, {@link #port()}, and {@link #close()} at shutdown.
 */
public final class ProtocolListener implements AutoCloseable {
    /** How long {@link #close()} waits for the accept and connection threads to end. */
    private static final long JOIN_MILLIS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ProtocolListener.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final ServerEndpoint endpoint;
    private final String bindAddress;
    private final int requestedPort;
    private final ThreadFactory threads;
    private final ConnectionPhase connectionPhase;
    private final Map<Integer, RawCommand> rawCommands = new ConcurrentHashMap<>();
    /** Live connections and their threads; a connection removes itself when its thread ends. */
    private final Map<ProtocolConnection, Thread> live = new ConcurrentHashMap<>();

    /**
     * Guards {@code state}, {@code serverSocket} and {@code acceptThread}; taken by start() and
     * close() only, with no other lock held. {@code state} is volatile so the accept thread can
     * see CLOSED without it.
     */
    private final Object lifecycle = new Object();
    private volatile State state = State.NEW;
    private ServerSocket serverSocket;
    private Thread acceptThread;
    /** Closes connections whose write has been blocked longer than their net_write_timeout. */
    private Thread writeWatchdog;

    /**
     * @param bindAddress the address to listen on, e.g. 127.0.0.1
     * @param port        the TCP port; 0 picks a free one ({@link #port()} tells which)
     * @param threads     creates the accept thread and every connection's thread
     */
    public ProtocolListener(ServerEndpoint endpoint, String bindAddress, int port, ThreadFactory threads) {
        this.endpoint = endpoint;
        this.bindAddress = bindAddress;
        this.requestedPort = port;
        this.threads = threads;
        this.connectionPhase = new ConnectionPhase(endpoint, new Scramble());
    }

    /**
     * Gives command byte {@code code} to {@code command} on every connection, replacing the
     * built-in answer (for 0x12 and 0x15 that is ERR 1047 Unknown command). Takes effect for the
     * next request read, also on connections already open.
     *
     * @throws IllegalArgumentException for a code outside 0–255, or COM_QUIT (0x01), which must
     *                                  always end the connection
     */
    public void registerRawCommand(int code, RawCommand command) {
        if (code < 0 || code > 0xFF || code == Command.QUIT.code()) {
            throw new IllegalArgumentException("command byte 0x" + Integer.toHexString(code) + " cannot be taken over");
        }
        rawCommands.put(code, command);
    }

    /** Gives command byte {@code code} back to the built-in handling. */
    public void unregisterRawCommand(int code) {
        rawCommands.remove(code);
    }

    /** Binds the socket and starts accepting connections. */
    public void start() throws IOException {
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("listener already " + state);
            }
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), requestedPort), 128);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            serverSocket = socket;
            acceptThread = threads.newThread(this::acceptLoop);
            acceptThread.setName("protocol-accept-" + socket.getLocalPort());
            writeWatchdog = threads.newThread(this::watchWrites);
            writeWatchdog.setName("protocol-write-timeouts-" + socket.getLocalPort());
            writeWatchdog.setDaemon(true);
            state = State.RUNNING;
            acceptThread.start();
            writeWatchdog.start();
            log.debug("listening on {}:{}", bindAddress, socket.getLocalPort());
        }
    }

    /** The port the listener is bound to. */
    public int port() {
        synchronized (lifecycle) {
            if (serverSocket == null) {
                throw new IllegalStateException("listener not started");
            }
            return serverSocket.getLocalPort();
        }
    }

    /** The connections currently open, authenticated or not. */
    public List<ClientConnection> connections() {
        return List.copyOf(live.keySet());
    }

    /**
     * Stops accepting, aborts every live connection (their sessions are closed on their own
     * threads) and waits a bounded time for all threads to end. Idempotent.
     */
    @Override
    public void close() {
        Thread accept;
        Thread watchdog;
        synchronized (lifecycle) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            accept = acceptThread;
            watchdog = writeWatchdog;
            if (serverSocket != null) {
                try {
                    serverSocket.close();
                } catch (IOException e) {
                    log.warn("closing the listening socket failed: {}", e.getMessage());
                }
            }
        }
        List<Thread> toJoin = new ArrayList<>();
        if (accept != null) {
            toJoin.add(accept);
        }
        if (watchdog != null) {
            watchdog.interrupt();
            toJoin.add(watchdog);
        }
        // The accept thread may still add a connection; it aborts it itself on seeing CLOSED.
        live.forEach((connection, thread) -> {
            connection.abort();
            toJoin.add(thread);
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread t : toJoin) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                if (left > 0) {
                    t.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                log.warn("thread {} did not end within {} ms of closing the listener", t.getName(), JOIN_MILLIS);
            }
        }
    }

    private void acceptLoop() {
        ServerSocket server;
        synchronized (lifecycle) {
            server = serverSocket;
        }
        while (state == State.RUNNING) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                if (state == State.RUNNING) {
                    log.error("accepting connections failed, the listener stops", e);
                }
                return;
            } catch (IOException e) {
                endpoint.acceptFailed();
                log.warn("accepting a connection failed: {}", e.getMessage());
                continue;
            }
            startConnection(socket);
        }
    }

    /** Twice a second, closes the connections whose write to the client is blocked past net_write_timeout. */
    private void watchWrites() {
        while (state == State.RUNNING) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (ProtocolConnection c : live.keySet()) {
                c.checkWriteTimeout(now);
            }
        }
    }

    private void startConnection(Socket socket) {
        ProtocolConnection connection;
        Thread thread;
        try {
            long id = endpoint.nextConnectionId();
            connection = new ProtocolConnection(id, socket, endpoint, connectionPhase, rawCommands, live::remove);
            thread = threads.newThread(connection);
            thread.setName("connection-" + id);
        } catch (RuntimeException e) {
            log.error("starting a connection thread failed", e);
            closeQuietly(socket);
            return;
        }
        live.put(connection, thread);
        if (state != State.RUNNING) {
            connection.abort();
        }
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing a refused socket failed: {}", e.getMessage());
        }
    }
}
