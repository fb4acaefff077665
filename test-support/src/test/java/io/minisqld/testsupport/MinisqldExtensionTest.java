package io.minisqld.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension in both registrations: one server per class (static) or per test (instance). No
 * test depends on another having run before it.
 */
class MinisqldExtensionTest {

    @Nested
    class PerClass {
        @RegisterExtension
        static MinisqldExtension server = MinisqldExtension.withoutPlugins().options("--server-id=11");

        /** The port of the server @BeforeAll saw. */
        static int portBeforeAll;

        @BeforeAll
        static void createTheSharedTable() throws SQLException {
            portBeforeAll = server.port();
            server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        }

        @Test
        void testsGetTheSharedHarnessAndConnectionAsParameters(MinisqldHarness harness, Connection connection)
                throws SQLException {
            assertSame(server.harness(), harness);
            assertSame(server.connection(), connection);
            assertEquals("11", server.value("SELECT @@server_id"));
        }

        @Test
        void everyTestSeesTheServerAndTableOfBeforeAll() throws SQLException {
            assertEquals(portBeforeAll, server.port());
            assertEquals("0", server.value("SELECT COUNT(*) FROM app.t"));
            assertEquals("11", server.value("SELECT @@server_id"));
        }
    }

    @Nested
    class PerTest {
        @RegisterExtension
        MinisqldExtension server = MinisqldExtension.withoutPlugins();

        /** Either repetition may run first: each sees nothing the other created. */
        @RepeatedTest(2)
        void eachTestHasAFreshServer() throws SQLException {
            assertEquals(0, server.rows("SHOW DATABASES LIKE 'app'").size());
            server.execute("CREATE DATABASE app");
            assertEquals(1, server.rows("SHOW DATABASES LIKE 'app'").size());
            assertEquals(1193, server.error("SELECT @@global.app").getErrorCode());
        }
    }
}
