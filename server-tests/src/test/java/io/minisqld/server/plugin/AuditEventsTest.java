package io.minisqld.server.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.PluginRefusal;
import io.minisqld.plugin.api.observer.AuditEvent;
import io.minisqld.plugin.api.observer.AuditEventSubclass;
import io.minisqld.plugin.api.observer.AuditObserver;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AUDIT observer family (plugin API 1.1, MySQL 5.7's audit API): which events a client's
 * session raises, in which order, with which status, and how an observer aborts a statement or
 * a connection, with 3164 or its own error.
 */
class AuditEventsTest {
    private static MinisqldHarness server;
    private Recorder recorder;

    /** Records the events of its subscriptions; {@code refuse} answers each (0: go on). */
    private static final class Recorder implements AuditObserver {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();
        final Set<AuditEventSubclass> subscriptions;
        volatile Function<AuditEvent, Integer> refuse = e -> 0;

        Recorder(Set<AuditEventSubclass> subscriptions) {
            this.subscriptions = subscriptions;
        }

        @Override
        public Set<AuditEventSubclass> subscriptions() {
            return subscriptions;
        }

        @Override
        public int notify(AuditEvent event) {
            events.add(event);
            return refuse.apply(event);
        }

        List<String> of(long connection) {
            return events.stream().filter(e -> connectionOf(e) == connection).map(AuditEventsTest::describe).toList();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("audit").serverId(1).start();
        server.executeAll("CREATE DATABASE au", "CREATE TABLE au.t (id INT PRIMARY KEY)",
                "CREATE PROCEDURE au.p() BEGIN SELECT COUNT(*) FROM au.t; END");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @AfterEach
    void unregister() {
        if (recorder != null) server.server().observers().audit().unregister(recorder);
    }

    private Recorder record(Set<AuditEventSubclass> subscriptions) {
        recorder = new Recorder(subscriptions);
        server.server().observers().audit().register(recorder, "audit_test");
        return recorder;
    }

    private static long connectionOf(AuditEvent e) {
        if (e instanceof AuditEvent.General g) return g.threadId();
        if (e instanceof AuditEvent.Query q) return q.connectionId();
        if (e instanceof AuditEvent.TableAccess t) return t.connectionId();
        if (e instanceof AuditEvent.Command c) return c.connectionId();
        if (e instanceof AuditEvent.Connection c) return c.connectionId();
        return -1;
    }

    private static String describe(AuditEvent e) {
        if (e instanceof AuditEvent.General g) return e.subclass() + " " + g.query() + " " + g.errorCode() + " " + g.rows();
        if (e instanceof AuditEvent.Query q) return e.subclass() + " " + q.sqlCommand() + " " + q.query() + " " + q.status();
        if (e instanceof AuditEvent.TableAccess t) return e.subclass() + " " + t.database() + "." + t.table();
        if (e instanceof AuditEvent.Command c) return e.subclass() + " " + c.command() + " " + c.status();
        if (e instanceof AuditEvent.Connection c) return e.subclass() + " " + c.user() + " " + c.status();
        return e.subclass().toString();
    }

    private static long id(Connection c) throws SQLException {
        return Long.parseLong(SqlRunner.on(c).rows("SELECT CONNECTION_ID()").get(0).get(0));
    }

    @Test
    void generalAndCommandEventsFrameEachStatement() throws Exception {
        Recorder r = record(EnumSet.of(AuditEventSubclass.GENERAL_LOG, AuditEventSubclass.GENERAL_ERROR,
                AuditEventSubclass.GENERAL_RESULT, AuditEventSubclass.GENERAL_STATUS, AuditEventSubclass.COMMAND_START,
                AuditEventSubclass.COMMAND_END));
        try (Connection c = server.newConnection()) {
            long id = id(c);
            r.events.clear();
            SqlRunner.on(c).executeAll("INSERT INTO au.t VALUES (1), (2)");
            assertThrows(SQLException.class, () -> SqlRunner.on(c).executeAll("INSERT INTO au.t VALUES (1)"));
            assertEquals(List.of("COMMAND_START Query 0", "GENERAL_LOG INSERT INTO au.t VALUES (1), (2) 0 0",
                    "GENERAL_RESULT INSERT INTO au.t VALUES (1), (2) 0 2", "GENERAL_STATUS INSERT INTO au.t VALUES (1), (2) 0 2",
                    "COMMAND_END Query 0",
                    "COMMAND_START Query 0", "GENERAL_LOG INSERT INTO au.t VALUES (1) 0 0",
                    "GENERAL_ERROR INSERT INTO au.t VALUES (1) 1062 0", "GENERAL_STATUS INSERT INTO au.t VALUES (1) 1062 0",
                    "COMMAND_END Query 1062"), r.of(id));
        }
    }

    @Test
    void statementsOfAStoredProcedureAreNestedQueries() throws Exception {
        Recorder r = record(EnumSet.of(AuditEventSubclass.QUERY_START, AuditEventSubclass.QUERY_NESTED_START,
                AuditEventSubclass.QUERY_STATUS_END, AuditEventSubclass.QUERY_NESTED_STATUS_END,
                AuditEventSubclass.TABLE_ACCESS_READ));
        try (Connection c = server.newConnection()) {
            long id = id(c);
            r.events.clear();
            SqlRunner.on(c).executeAll("CALL au.p()");
            assertEquals(List.of("QUERY_START call_procedure CALL au.p() 0",
                    "QUERY_NESTED_START select SELECT COUNT(*) FROM au.t 0", "TABLE_ACCESS_READ au.t",
                    "QUERY_NESTED_STATUS_END select SELECT COUNT(*) FROM au.t 0",
                    "QUERY_STATUS_END call_procedure CALL au.p() 0"), r.of(id));
        }
    }

    @Test
    void anObserverAbortsAStatementWith3164OrItsOwnError() throws Exception {
        Recorder r = record(EnumSet.of(AuditEventSubclass.QUERY_START, AuditEventSubclass.TABLE_ACCESS_DELETE));
        r.refuse = e -> e.subclass() == AuditEventSubclass.TABLE_ACCESS_DELETE ? 7 : 0;
        try (Connection c = server.newConnection()) {
            SQLException e = SqlRunner.on(c).error("DELETE FROM au.t");
            assertEquals(3164, e.getErrorCode());
            assertEquals("Aborted by Audit API ('MYSQL_AUDIT_TABLE_ACCESS_DELETE';7).", SqlRunner.serverMessage(e));
            r.refuse = ev -> {
                if (ev instanceof AuditEvent.Query q && q.query().contains("DROP")) {
                    throw new PluginRefusal(1142, "42000", "DROP command denied by the audit policy");
                }
                return 0;
            };
            SQLException own = SqlRunner.on(c).error("DROP TABLE au.t");
            assertEquals(1142, own.getErrorCode());
            assertEquals("42000", own.getSQLState());
            assertEquals("DROP command denied by the audit policy", SqlRunner.serverMessage(own));
            assertEquals(List.of(List.of("t")), SqlRunner.on(c).rows("SHOW TABLES FROM au"));
        }
    }

    @Test
    void connectionsAreAuditedAndMayBeRefused() throws Exception {
        Recorder r = record(EnumSet.of(AuditEventSubclass.CONNECTION_CONNECT, AuditEventSubclass.CONNECTION_DISCONNECT));
        long id;
        try (Connection c = server.newConnection()) {
            id = id(c);
        }
        Poll.until("the disconnect", Duration.ofSeconds(10), () -> r.of(id).size() == 2);
        assertEquals(List.of("CONNECTION_CONNECT root 0", "CONNECTION_DISCONNECT root 0"), r.of(id));
        // a failed login is heard with its error as the status
        assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl("nobody")).close());
        assertTrue(r.events.stream().anyMatch(e -> e instanceof AuditEvent.Connection c && c.user().equals("nobody")
                && c.status() == 1045), r.events.toString());
        r.refuse = e -> e instanceof AuditEvent.Connection c && c.status() == 0 ? 1 : 0;
        SQLException refused = assertThrows(SQLException.class, () -> server.newConnection().close());
        assertEquals(3164, refused.getErrorCode());
        assertEquals("Aborted by Audit API ('MYSQL_AUDIT_CONNECTION_CONNECT';1).", SqlRunner.serverMessage(refused));
    }
}
