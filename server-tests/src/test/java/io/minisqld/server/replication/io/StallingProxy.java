package io.minisqld.server.replication.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server that can stall: {@link #stall()} stops forwarding the
 * server's bytes on the connections open now while keeping them open (a source that went silent
 * without closing, as a dead host or a cut cable looks); connections accepted later forward
 * normally. Counts accepted connections.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "stalling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    /** The server's bytes stop flowing on every connection open now. */
    void stall() {
        for (Pipe p : pipes) p.stalled = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                accepted.incrementAndGet();
                Pipe toServer = new Pipe(client, server);
                Pipe toClient = new Pipe(server, client);
                pipes.add(toClient);
                toServer.start();
                toClient.start();
            } catch (IOException e) {
                if (listener.isClosed()) return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Pipe p : pipes) p.closeBoth();
    }

    /** Copies one direction; when stalled it reads nothing more, so the bytes wait in the socket. */
    private final class Pipe extends Thread {
        private final Socket from;
        private final Socket to;
        volatile boolean stalled;

        Pipe(Socket from, Socket to) {
            super("stalling-proxy-pipe");
            setDaemon(true);
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    while (stalled) {
                        if (from.isClosed()) return;
                        Thread.onSpinWait();
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                    int n = in.read(buf);
                    if (n < 0) break;
                    if (stalled) {
                        // Bytes read just before the stall are dropped, as a dead link would.
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // One side went away: close the other so the peer sees it too.
            } finally {
                closeBoth();
            }
        }

        void closeBoth() {
            try {
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
