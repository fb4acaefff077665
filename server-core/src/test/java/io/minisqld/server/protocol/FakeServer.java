package io.minisqld.server.protocol;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.grant.NativePassword;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A small ServerEndpoint for protocol tests: accounts with native passwords, two databases, and
 * a {@link FakeHandler} per session. Counts what the protocol layer reports. A JUnit extension
 * ({@code @RegisterExtension final FakeServer server = new FakeServer();}): each test gets it
 * listening on a loopback port, closed after the test.
 */
final class FakeServer implements ServerEndpoint, BeforeEachCallback, AfterEachCallback {
    static final String VERSION = "5.7.44-minisqld-test";
    /** How long a test waits for the server's threads; only catches a hang. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicLong ids = new AtomicLong(100);
    final AtomicInteger abortedConnects = new AtomicInteger();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    /** user → stored hash as PASSWORD() gives it ("" = no password). */
    final Map<String, String> accounts = new ConcurrentHashMap<>();
    final Set<String> databases = Set.of("test", "mysql");
    final List<FakeHandler> handlers = new CopyOnWriteArrayList<>();
    final List<HandshakeResponse> handshakes = new CopyOnWriteArrayList<>();
    ProtocolListener listener;
    volatile int maxAllowedPacket = 64 << 20;

    FakeServer() {
        accounts.put("root", "");
        accounts.put("app", NativePassword.hash("s3cret"));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        listener = new ProtocolListener(this, "127.0.0.1", 0, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        listener.start();
    }

    int port() {
        return listener.port();
    }

    @Override
    public long nextConnectionId() {
        return ids.incrementAndGet();
    }

    @Override
    public String serverVersion() {
        return VERSION;
    }

    @Override
    public CommandHandler open(HandshakeResponse response, ClientConnection connection) throws SqlError {
        handshakes.add(response);
        String hash = accounts.get(response.user());
        if (hash == null || !NativePassword.verify(response.scramble(), response.authResponse(), hash)) {
            throw ErrorCode.ER_ACCESS_DENIED_ERROR.error(response.user(), response.remoteHost(),
                    response.authResponse().length == 0 ? "NO" : "YES");
        }
        if (response.database() != null && !databases.contains(response.database())) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(response.database());
        }
        FakeHandler handler = new FakeHandler(this, connection, response.database());
        handlers.add(handler);
        return handler;
    }

    @Override
    public void abortedConnect() {
        abortedConnects.incrementAndGet();
    }

    @Override
    public void countBytes(long received, long sent) {
        bytesReceived.addAndGet(received);
        bytesSent.addAndGet(sent);
    }

    void kill(long id) {
        for (ClientConnection c : listener.connections()) {
            if (c.id() == id) {
                c.abort();
                return;
            }
        }
        throw ErrorCode.ER_NO_SUCH_THREAD.error(id);
    }

    FakeHandler lastHandler() {
        return handlers.get(handlers.size() - 1);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        listener.close();
    }

}
