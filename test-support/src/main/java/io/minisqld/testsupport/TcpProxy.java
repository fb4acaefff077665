package io.minisqld.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between a client (a replica) and a server, for network-cut and wire tests: it listens on
 * an ephemeral port of 127.0.0.1 and forwards each accepted connection to a target port, byte for
 * byte in both directions. {@link #cut()} resets every forwarded connection and resets new ones
 * as soon as they are accepted (the replica sees its connection drop and its reconnects fail);
 * {@link #restore()} forwards again.
 *
 * <p>Concurrency: {@code this} guards {@code links} and {@code cut}; the accept thread and the
 * test thread take it, the pump threads never do (they only close their own sockets).
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Thread acceptor;
    private final List<Link> links = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private boolean cut;
    private volatile boolean closed;
    /** Every byte forwarded in either direction, for tests that look at what crossed the wire. */
    private final java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();

    /**
     * Asserts that the proxy carried a stream (more than a handshake) and that none of
     * {@code clearTexts} crossed it as plain bytes: the connection was encrypted.
     */
    public void assertEncrypted(String... clearTexts) {
        String carried = new String(wire(), java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertTrue(carried.length() > 1000, "the proxy carried the stream");
        for (String clear : clearTexts) {
            org.junit.jupiter.api.Assertions.assertFalse(carried.contains(clear), "'" + clear + "' crossed the wire in clear");
        }
    }

    /** What crossed the wire so far, both directions interleaved. */
    public byte[] wire() {
        synchronized (wire) {
            return wire.toByteArray();
        }
    }

    /** One forwarded connection: the accepted client socket and the socket to the target. */
    private record Link(Socket client, Socket target) {
        void reset() {
            abort(client);
            abort(target);
        }
    }

    public TcpProxy(String name, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port replicas connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections the proxy has accepted so far (cut ones included). */
    public int accepted() {
        return accepted.get();
    }

    /** Drops every forwarded connection (RST both ways) and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        cut = true;
        for (Link l : links) l.reset();
        links.clear();
    }

    /** Forwards new connections again. */
    public synchronized void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) return;
                continue;
            }
            accepted.incrementAndGet();
            synchronized (this) {
                if (cut) {
                    abort(client);
                    continue;
                }
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            } catch (IOException e) {
                abort(client);
                abort(target);
                continue;
            }
            Link link = new Link(client, target);
            synchronized (this) {
                if (cut || closed) {
                    link.reset();
                    continue;
                }
                links.add(link);
            }
            pump(link, client, target, "up");
            pump(link, target, client, "down");
        }
    }

    /**
     * Copies one direction; when either side ends or fails, the whole link goes (MySQL's protocol
     * never half-closes, so an end in one direction is the end of the connection).
     */
    private void pump(Link link, Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (wire) {
                        wire.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // The other pump, cut() or close() closed the sockets, or a peer reset: the link ends below.
            }
            link.reset();
            synchronized (this) {
                links.remove(link);
            }
        }, "tcp-proxy-pump-" + direction);
        t.setDaemon(true);
        t.start();
    }

    /** Closes a socket with SO_LINGER 0, so the peer gets a reset rather than an orderly end. */
    private static void abort(Socket s) {
        try {
            if (!s.isClosed()) s.setSoLinger(true, 0);
        } catch (SocketException ignoredAlreadyClosed) {
            // Closed concurrently by a pump thread: nothing left to reset.
        }
        try {
            s.close();
        } catch (IOException e) {
            // Closing a socket whose peer is gone can fail; the socket is released either way.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        listener.close();
        cut();
        acceptor.join(10_000);
    }
}
