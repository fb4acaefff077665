package io.minisqld.server.engine.h2;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.Store;

/**
 * Plain H2 file databases under a test's directory, as H2 ships (no server, none of the engine's
 * changes unless a test installs one): where the tests of those changes show what H2 alone does.
 */
final class PlainH2 implements AutoCloseable {
    private final Path dir;
    private final List<Connection> connections = new ArrayList<>();

    PlainH2(Path dir) {
        this.dir = dir;
    }

    /** A new connection to database {@code name} (created on first use), lock timeout 10 s. */
    Connection connect(String name) throws SQLException {
        Connection c = new org.h2.Driver().connect("jdbc:h2:" + dir.resolve(name).resolve("db") + ";LOCK_TIMEOUT=10000",
                new Properties());
        connections.add(c);
        return c;
    }

    static SessionLocal session(Connection c) {
        return (SessionLocal) ((JdbcConnection) c).getSession();
    }

    static Store store(Connection c) {
        return session(c).getDatabase().getStore();
    }

    static Void run(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
        return null;
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : connections) c.close();
    }
}
