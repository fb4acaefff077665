package io.minisqld.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension in both registrations: one server per class (static) or per test (instance). */
class MinisqldExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerClass {
        @RegisterExtension
        static MinisqldExtension server = MinisqldExtension.withoutPlugins().options("--server-id=11");

        static final Set<Integer> ports = new HashSet<>();

        @Test
        @Order(1)
        void firstTestCreatesATable(MinisqldHarness harness, Connection connection) throws SQLException {
            assertSame(server.harness(), harness);
            assertSame(server.connection(), connection);
            ports.add(server.port());
            server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        }

        @Test
        @Order(2)
        void secondTestSeesTheSameServer() throws SQLException {
            ports.add(server.port());
            assertEquals(1, ports.size());
            assertEquals("0", server.value("SELECT COUNT(*) FROM app.t"));
            assertEquals("11", server.value("SELECT @@server_id"));
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerTest {
        @RegisterExtension
        MinisqldExtension server = MinisqldExtension.withoutPlugins();

        static int firstPort;

        @Test
        @Order(1)
        void firstTest() throws SQLException {
            firstPort = server.port();
            server.execute("CREATE DATABASE app");
        }

        @Test
        @Order(2)
        void secondTestHasAFreshServer() throws SQLException {
            assertNotEquals(firstPort, server.port());
            assertEquals(1193, server.error("SELECT @@global.app").getErrorCode());
            assertEquals(0, server.rows("SHOW DATABASES LIKE 'app'").size());
        }
    }
}
