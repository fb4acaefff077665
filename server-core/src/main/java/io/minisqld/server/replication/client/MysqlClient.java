package io.minisqld.server.replication.client;

import io.minisqld.plugin.api.observer.SourceQueryException;
import io.minisqld.server.grant.NativePassword;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.wire.AuthSwitchRequest;
import io.minisqld.server.wire.Capabilities;
import io.minisqld.server.wire.ErrPacket;
import io.minisqld.server.wire.HandshakeResponse41;
import io.minisqld.server.wire.HandshakeV10;
import io.minisqld.server.wire.MalformedPacketException;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.PacketChannel;
import io.minisqld.server.wire.PacketsOutOfOrderException;
import io.minisqld.server.wire.QueryCommand;
import io.minisqld.server.wire.QuitCommand;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A MySQL protocol 4.1 client connection (protocol.md §1 from the client's side): handshake v10
 * with mysql_native_password (following an AuthSwitchRequest to it), COM_QUERY with text result
 * sets (every value as a string, NULL as null), and raw packets with sequence ids for the
 * replication commands. Framing is the shared {@link PacketChannel} in its client role.
 *
 * <p>Sequence ids: every command starts at 0 and the replies of a command exchange must continue
 * the sequence, else the reply is rejected as out of order; inside the binlog stream
 * ({@link #readStreamPacket()}) any sequence id is accepted, because semisync resets it
 * (protocol.md §4.5).
 *
 * <p>Threads: one thread uses a connection (the IO thread), except that {@link #close()} and
 * {@link #quit()} may be called from another thread to unblock a read; writes are serialised on
 * {@code writeLock} for that case (no other lock is taken while holding it).
 */
public final class MysqlClient implements Closeable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MysqlClient.class);

    /** The error an ERR packet payload (first byte 0xFF) carries (protocol.md §1.5), as the source sent it. */
    public static SourceQueryException serverError(byte[] payload) {
        ErrPacket err = ErrPacket.decode(payload);
        return new SourceQueryException(err.number(), err.sqlState(), err.message());
    }

    /** What this client asks for: protocol 4.1 with plugin auth, nothing the server must emulate. */
    private static final int CLIENT_FLAGS = Capabilities.CLIENT_LONG_PASSWORD | Capabilities.CLIENT_LONG_FLAG
            | Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_TRANSACTIONS
            | Capabilities.CLIENT_SECURE_CONNECTION | Capabilities.CLIENT_MULTI_RESULTS
            | Capabilities.CLIENT_PLUGIN_AUTH;
    private static final String NATIVE = "mysql_native_password";
    /** utf8mb4_general_ci. */
    private static final int COLLATION = 45;

    private Socket socket;
    private PacketChannel channel;
    private final Object writeLock = new Object();
    private final String host;
    private String serverVersion;
    private long connectionId;
    private volatile boolean closed;

    private MysqlClient(Socket socket, String host) throws IOException {
        this.socket = socket;
        this.host = host;
        this.channel = PacketChannel.client(socket);
    }

    /**
     * Connects and authenticates.
     *
     * @param connectTimeout TCP connect timeout (MySQL's replica uses slave_net_timeout)
     * @param readTimeout    every later read fails with {@link ClientError#CR_SERVER_LOST} after it
     * @throws ClientErrorException the server could not be reached or the connection broke
     * @throws SourceQueryException the server refused the login (e.g. 1045 Access denied)
     */
    public static MysqlClient connect(String host, int port, String user, String password, Duration connectTimeout,
                                      Duration readTimeout) throws IOException, SourceQueryException {
        return connect(host, port, user, password, connectTimeout, readTimeout, ClientTls.OFF);
    }

    /** As {@link #connect(String, int, String, String, Duration, Duration)}, over TLS when {@code tls} says so. */
    public static MysqlClient connect(String host, int port, String user, String password, Duration connectTimeout,
                                      Duration readTimeout, ClientTls tls) throws IOException, SourceQueryException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis(connectTimeout));
        } catch (IOException e) {
            socket.close();
            // libmysqlclient reports the OS errno; 111 is ECONNREFUSED, 110 ETIMEDOUT.
            int errno = e instanceof SocketTimeoutException ? 110 : 111;
            ClientErrorException ce = ClientError.CR_CONN_HOST_ERROR.exception(host, errno);
            ce.initCause(e);
            throw ce;
        }
        MysqlClient client;
        try {
            socket.setSoTimeout(timeoutMillis(readTimeout));
            client = new MysqlClient(socket, host);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        try {
            client.handshake(user, password, tls, port);
            return client;
        } catch (IOException | SourceQueryException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static int timeoutMillis(Duration d) {
        long ms = d.toMillis();
        return ms <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private void handshake(String user, String password, ClientTls tls, int port) throws IOException, SourceQueryException {
        byte[] payload = readReply("reading initial communication packet");
        if (ErrPacket.isErr(payload)) throw MysqlClient.serverError(payload);
        HandshakeV10 greeting;
        try {
            greeting = HandshakeV10.decode(payload);
        } catch (MalformedPacketException e) {
            throw ClientError.CR_MALFORMED_PACKET.exception();
        }
        serverVersion = greeting.serverVersion();
        connectionId = greeting.connectionId();
        int flags = CLIENT_FLAGS & (greeting.capabilities() | Capabilities.CLIENT_LONG_PASSWORD);
        if (tls.enabled()) {
            if ((greeting.capabilities() & Capabilities.CLIENT_SSL) == 0) {
                throw ClientError.CR_SSL_CONNECTION_ERROR.exception("SSL is required, but the server does not support it");
            }
            flags |= Capabilities.CLIENT_SSL;
            startTls(flags, tls, port);
        }
        // An unknown default plugin (caching_sha2_password of a MySQL 8 server): answer with a
        // native token anyway; the server then switches us to mysql_native_password or refuses.
        byte[] token = NativePassword.token(password, greeting.scramble());
        String plugin = (flags & Capabilities.CLIENT_PLUGIN_AUTH) != 0 ? NATIVE : null;
        send(new HandshakeResponse41(flags, PacketChannel.MAX_CHUNK, COLLATION, user, token, null, plugin, Map.of())
                .encode());
        while (true) {
            byte[] reply = readReply("reading authorization packet");
            int first = reply[0] & 0xFF;
            if (first == OkPacket.HEADER) return;
            if (first == ErrPacket.HEADER) throw MysqlClient.serverError(reply);
            if (first == 0xFE) {
                AuthSwitchRequest request = AuthSwitchRequest.decode(reply);
                if (!NATIVE.equals(request.plugin())) {
                    throw ClientError.CR_AUTH_PLUGIN_CANNOT_LOAD.exception(request.plugin(),
                            "plugin not supported by this client");
                }
                send(NativePassword.token(password, request.scramble()));
                continue;
            }
            throw ClientError.CR_MALFORMED_PACKET.exception();
        }
    }

    /**
     * The SSLRequest (the handshake response's first 32 bytes with CLIENT_SSL), then TLS over the
     * same socket, trusting the CA file when one is given (else any certificate, as MySQL's
     * MASTER_SSL=1 alone) and checking the host name when asked.
     */
    private void startTls(int flags, ClientTls tls, int port) throws IOException {
        byte[] request = new byte[32];
        int caps = flags;
        for (int i = 0; i < 4; i++) request[i] = (byte) (caps >>> (8 * i));
        int max = PacketChannel.MAX_CHUNK;
        for (int i = 0; i < 4; i++) request[4 + i] = (byte) (max >>> (8 * i));
        request[8] = (byte) COLLATION;
        send(request);
        javax.net.ssl.SSLSocket ssl;
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            // MASTER_SSL_CERT / MASTER_SSL_KEY: the replica's certificate, for an account that REQUIRE X509
            javax.net.ssl.KeyManager[] keys = tls.certFile().isEmpty() ? null : io.minisqld.server.auth.TlsMaterial
                    .load(java.nio.file.Path.of(tls.certFile()), java.nio.file.Path.of(tls.keyFile().isEmpty()
                            ? tls.certFile() : tls.keyFile()), null).keyManagers();
            context.init(keys, trustManagers(tls), null);
            ssl = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
            ssl.setUseClientMode(true);
            javax.net.ssl.SSLParameters p = ssl.getSSLParameters();
            if (tls.verifyServerCert()) p.setEndpointIdentificationAlgorithm("HTTPS");
            javax.net.ssl.SSLParameters defaults = context.getDefaultSSLParameters();
            if (!tls.tlsVersion().isEmpty()) {
                p.setProtocols(io.minisqld.server.auth.TlsSettings.protocols(tls.tlsVersion(),
                        java.util.Set.of(defaults.getProtocols()), log::warn));
            }
            if (!tls.cipher().isEmpty()) {
                p.setCipherSuites(io.minisqld.server.auth.TlsSettings.cipherSuites(tls.cipher(),
                        defaults.getCipherSuites(), log::warn));
            }
            ssl.setSSLParameters(p);
            ssl.startHandshake();
        } catch (java.security.GeneralSecurityException | IOException | IllegalArgumentException e) {
            ClientErrorException ce = ClientError.CR_SSL_CONNECTION_ERROR.exception(String.valueOf(e.getMessage()));
            ce.initCause(e);
            throw ce;
        }
        int next = channel.nextSequenceId();
        socket = ssl;
        channel = PacketChannel.client(ssl);
        channel.setNextSequenceId(next);
    }

    private static javax.net.ssl.TrustManager[] trustManagers(ClientTls tls) throws java.security.GeneralSecurityException,
            IOException {
        if (tls.caFile() == null || tls.caFile().isEmpty()) {
            // MASTER_SSL=1 without a CA: encrypted, the certificate unchecked (MySQL's replica does so)
            return new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }};
        }
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(tls.caFile()))) {
            for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)) {
                store.setCertificateEntry("ca" + n++, c);
            }
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /** The TLS cipher of the connection, or null when it is plain. */
    public String tlsCipher() {
        return socket instanceof javax.net.ssl.SSLSocket ssl ? ssl.getSession().getCipherSuite() : null;
    }

    /** The greeting's server version, e.g. {@code 5.7.44-minisqld} or {@code 5.5.5-10.11.6-MariaDB-…}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The connection id the server gave this connection in its greeting. */
    public long connectionId() {
        return connectionId;
    }

    /**
     * Runs one statement (COM_QUERY) and returns its rows: each row a list of column values as
     * text, null for SQL NULL; an empty list for a statement answered with OK. Only the first
     * result set of a multi-result answer is returned; later ones are read and dropped.
     *
     * @throws SourceQueryException the server answered with ERR
     */
    public List<List<String>> query(String sql) throws IOException, SourceQueryException {
        writeCommand(QueryCommand.utf8(sql).encode());
        return TextResultReader.read(this::readReply);
    }

    /**
     * Sends a command packet (sequence id 0) and flushes it; the reply continues at 1.
     */
    public void writeCommand(byte[] payload) throws IOException {
        writePacket(payload, 0);
    }

    /**
     * Sends a packet with the given sequence id and flushes it: a semisync reply goes out with 0
     * (protocol.md §4.5). The reading side then expects {@code sequenceId + 1} next.
     */
    public void writePacket(byte[] payload, int sequenceId) throws IOException {
        synchronized (writeLock) {
            channel.setNextSequenceId(sequenceId);
            send(payload);
        }
    }

    /** Sends a packet continuing the sequence of the exchange, and flushes it. */
    private void send(byte[] payload) throws IOException {
        synchronized (writeLock) {
            channel.writePacket(payload);
            channel.flush();
        }
    }

    /** Reads the reply to a command: OK returns, ERR throws. */
    public void readOk() throws IOException, SourceQueryException {
        byte[] p = readReply("reading command result");
        int b = p[0] & 0xFF;
        if (b == ErrPacket.HEADER) throw MysqlClient.serverError(p);
        if (b != OkPacket.HEADER) throw ClientError.CR_MALFORMED_PACKET.exception();
    }

    /**
     * Reads one logical packet of the binlog stream, whatever its sequence id (semisync resets
     * it); payload[0] is 0x00 (event), 0xFF (ERR) or 0xFE with length < 8 (EOF).
     */
    public byte[] readStreamPacket() throws IOException {
        byte[] p;
        try {
            p = channel.readPacket();
        } catch (IOException e) {
            throw lost("reading binlog event", e);
        }
        return nonEmpty(p);
    }

    /**
     * Whether bytes of a next packet are already here (buffered or in the socket), i.e. a read
     * would not block: the IO thread syncs its relay log when the stream goes quiet.
     */
    public boolean hasBufferedInput() throws IOException {
        return !closed && channel.hasBufferedInput();
    }

    /** Changes the read timeout of later reads. */
    public void setReadTimeout(Duration timeout) throws IOException {
        channel.setReadTimeout(timeout);
    }

    /** Sends COM_QUIT (best effort) and closes the socket. Any thread. */
    public void quit() {
        if (closed) return;
        try {
            writeCommand(new QuitCommand().encode());
        } catch (IOException ignored) {
            // The connection is being abandoned anyway; closing below is what matters.
        }
        close();
    }

    /** Closes the socket; a read blocked in another thread fails at once. Any thread. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release: a failing close of a socket leaves no resource behind.
        }
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /** Reads the next reply of the exchange, refusing one out of sequence (libmysqlclient's my_net_read). */
    private byte[] readReply(String stage) throws IOException {
        byte[] p;
        try {
            p = channel.readInSequence();
        } catch (PacketsOutOfOrderException e) {
            throw new ClientErrorException(ErrorCode.ER_NET_PACKETS_OUT_OF_ORDER.number(), e.getMessage());
        } catch (IOException e) {
            throw lost(stage, e);
        }
        return nonEmpty(p);
    }

    private static byte[] nonEmpty(byte[] payload) throws ClientErrorException {
        if (payload.length == 0) throw ClientError.CR_MALFORMED_PACKET.exception();
        return payload;
    }

    /** A failed read as libmysqlclient reports it: the connection phase names its stage. */
    private static ClientErrorException lost(String stage, IOException e) {
        ClientErrorException lost = stage.startsWith("reading initial") || stage.startsWith("reading authorization")
                ? ClientError.CR_SERVER_LOST_EXTENDED.exception(stage, 0)
                : ClientError.CR_SERVER_LOST.exception();
        lost.initCause(e);
        return lost;
    }

    @Override
    public String toString() {
        return "MysqlClient[" + host + ", id " + connectionId + "]";
    }
}
