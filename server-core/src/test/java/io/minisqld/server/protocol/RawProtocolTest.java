package io.minisqld.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.NativePassword;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.Capabilities;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.PacketChannel;
import io.minisqld.server.wire.ServerStatus;
import io.minisqld.testcommon.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wire protocol byte by byte, against a fake server, over real loopback sockets. */
class RawProtocolTest {
    @RegisterExtension
    final FakeServer server = new FakeServer();

    @Test
    void greetingIsHandshakeV10WithNativePasswordAndPrintableScramble() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            RawClient.Greeting g = c.greeting;
            assertEquals(10, g.protocol());
            assertEquals(FakeServer.VERSION, g.version());
            assertEquals(0x007FA78F, g.capabilities());
            assertEquals(33, g.collation());
            assertEquals(ServerStatus.AUTOCOMMIT, g.status());
            assertEquals(21, g.authDataLength());
            assertEquals("mysql_native_password", g.plugin());
            for (byte b : g.scramble()) {
                assertTrue(b >= 0x21 && b <= 0x7E, "scramble byte " + b);
            }
            assertEquals(c.greeting.connectionId(), server.listener.connections().get(0).id());
        }
        try (RawClient a = RawClient.connect(server.port()); RawClient b = RawClient.connect(server.port())) {
            assertFalse(Arrays.equals(a.greeting.scramble(), b.greeting.scramble()));
            assertTrue(b.greeting.connectionId() > a.greeting.connectionId());
        }
    }

    @Test
    void handshakeResponseFieldsReachTheEndpoint() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            int caps = RawClient.DEFAULT_CAPS | Capabilities.CLIENT_MULTI_STATEMENTS | Capabilities.CLIENT_SSL;
            c.write(1, c.handshakeResponse(caps, "app", c.nativeToken("s3cret"), "test", "mysql_native_password"));
            RawClient.Packet ok = c.read();
            assertEquals(2, ok.seq());
            assertEquals(new RawClient.Ok(0, 0, ServerStatus.AUTOCOMMIT, 0, ""), RawClient.ok(ok));
            HandshakeResponse r = server.handshakes.get(0);
            assertEquals("app", r.user());
            assertEquals("127.0.0.1", r.remoteHost());
            assertEquals("test", r.database());
            assertEquals(45, r.collation());
            assertEquals(c.greeting.connectionId(), r.connectionId());
            assertArrayEquals(c.greeting.scramble(), r.scramble());
            assertEquals(Map.of("_client_name", "RawClient"), r.attributes());
            // The session's flags are what both sides share: CLIENT_SSL was never offered.
            assertEquals(caps & ~Capabilities.CLIENT_SSL, r.capabilities());
        }
    }

    @Test
    void authResponseVariantsOneByteLengthAndNulTerminated() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            byte[] token = c.nativeToken("s3cret");
            int caps = Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_SECURE_CONNECTION | Capabilities.CLIENT_PLUGIN_AUTH;
            ByteWriter w = new ByteWriter().int4(caps).int4(0).int1(33).zeros(23).nulString("app")
                    .int1(token.length).bytes(token).nulString("mysql_native_password");
            c.write(1, w.toByteArray());
            assertEquals(0x00, c.read().first());
        }
        try (RawClient c = RawClient.connect(server.port())) {
            // Neither SECURE_CONNECTION nor LENENC data: the token is NUL-terminated (empty here).
            ByteWriter w = new ByteWriter().int4(Capabilities.CLIENT_PROTOCOL_41).int4(0).int1(33).zeros(23)
                    .nulString("root").int1(0);
            c.write(1, w.toByteArray());
            assertEquals(0x00, c.read().first());
            assertNull(server.handshakes.get(1).database());
        }
    }

    @Test
    void wrongPasswordGetsAccessDeniedAndClose() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            c.write(1, c.handshakeResponse(RawClient.DEFAULT_CAPS, "app", NativePassword.token("wrong", c.greeting.scramble()),
                    null, "mysql_native_password"));
            RawClient.Packet p = c.read();
            assertEquals(2, p.seq());
            assertEquals(new RawClient.Err(1045, "28000", "Access denied for user 'app'@'127.0.0.1' (using password: YES)"),
                    RawClient.err(p));
            assertTrue(c.closedByServer());
        }
        Poll.until("Aborted_connects = 1", FakeServer.WAIT, () -> server.abortedConnects.get() == 1);
    }

    @Test
    void unknownDatabaseGets1049() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            c.write(1, c.handshakeResponse(RawClient.DEFAULT_CAPS, "root", new byte[0], "nosuchdb", "mysql_native_password"));
            assertEquals(new RawClient.Err(1049, "42000", "Unknown database 'nosuchdb'"), RawClient.err(c.read()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void otherPluginGetsAuthSwitchWithNewScramble() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            byte[] sha256Token = new byte[32];
            Arrays.fill(sha256Token, (byte) 7);
            c.write(1, c.handshakeResponse(RawClient.DEFAULT_CAPS, "app", sha256Token, null, "caching_sha2_password"));
            RawClient.Packet sw = c.read();
            assertEquals(2, sw.seq());
            ByteReader r = new ByteReader(sw.payload());
            assertEquals(0xFE, r.int1());
            assertEquals("mysql_native_password", r.nulString());
            byte[] scramble = r.bytes(20);
            assertEquals(0, r.int1(), "trailing NUL after the scramble");
            assertFalse(r.hasRemaining());
            assertFalse(Arrays.equals(c.greeting.scramble(), scramble), "a new scramble");
            c.write(3, NativePassword.token("s3cret", scramble));
            RawClient.Packet ok = c.read();
            assertEquals(4, ok.seq());
            assertEquals(0x00, ok.first());
            assertArrayEquals(scramble, server.handshakes.get(0).scramble());
        }
    }

    @Test
    void garbageHandshakeGetsBadHandshake() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            c.write(1, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawClient.Packet p = c.read();
            assertEquals(2, p.seq());
            assertEquals(new RawClient.Err(1043, "08S01", "Bad handshake"), RawClient.err(p));
            assertTrue(c.closedByServer());
        }
        Poll.until("Aborted_connects = 1", FakeServer.WAIT, () -> server.abortedConnects.get() == 1);
        assertTrue(server.handshakes.isEmpty());
    }

    @Test
    void truncatedHandshakeResponseGetsBadHandshake() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            byte[] full = c.handshakeResponse(RawClient.DEFAULT_CAPS, "root", new byte[0], "test", "mysql_native_password");
            c.write(1, Arrays.copyOf(full, 40)); // the user name has no NUL yet
            assertEquals(new RawClient.Err(1043, "08S01", "Bad handshake"), RawClient.err(c.read()));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void packetCutOffByCloseEndsQuietlyWhileOthersWork() throws IOException {
        try (RawClient other = RawClient.login(server.port(), 0)) {
            try (RawClient c = RawClient.connect(server.port())) {
                // A header announcing 100 bytes, then only 10, then the client goes away.
                c.writeBytes(new byte[] {100, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            }
            Poll.until("Aborted_connects = 1", FakeServer.WAIT, () -> server.abortedConnects.get() == 1);
            Poll.until("the cut connection to end", FakeServer.WAIT, () -> server.listener.connections().size() == 1);
            other.command(0x0E, new byte[0]);
            assertEquals(0x00, other.read().first());
        }
    }

    @Test
    void sslRequestGetsErrorAndClose() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            byte[] ssl = new ByteWriter().int4(RawClient.DEFAULT_CAPS | Capabilities.CLIENT_SSL).int4(16 << 20).int1(45)
                    .zeros(23).toByteArray();
            assertEquals(32, ssl.length);
            c.write(1, ssl);
            RawClient.Packet p = c.read();
            assertEquals(2, p.seq());
            assertEquals(1043, RawClient.err(p).code());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void unknownCommandGets1047AndConnectionGoesOn() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.command(0x63, new byte[] {1, 2, 3});
            RawClient.Packet p = c.read();
            assertEquals(1, p.seq());
            assertEquals(new RawClient.Err(1047, "08S01", "Unknown command"), RawClient.err(p));
            c.command(0x0F, new byte[0]); // COM_TIME, which MySQL 5.7 answers with 1047 too
            assertEquals(1047, RawClient.err(c.read()).code());
            c.write(0, new byte[0]); // no command byte at all
            assertEquals(1047, RawClient.err(c.read()).code());
            c.command(0x0E, new byte[0]);
            RawClient.Packet ping = c.read();
            assertEquals(1, ping.seq());
            assertEquals(new RawClient.Ok(0, 0, ServerStatus.AUTOCOMMIT, 0, ""), RawClient.ok(ping));
        }
    }

    @Test
    void packetOverMaxAllowedPacketGets1153AndClose() throws IOException {
        server.maxAllowedPacket = 1024;
        try (RawClient other = RawClient.login(server.port(), 0); RawClient c = RawClient.login(server.port(), 0)) {
            c.query("DO '" + "x".repeat(1020) + "'"); // 1 + 1026 bytes
            RawClient.Packet p = c.read();
            assertEquals(1, p.seq());
            assertEquals(new RawClient.Err(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"), RawClient.err(p));
            assertTrue(c.closedByServer());
            Poll.until("the session to close", FakeServer.WAIT, () -> server.handlers.get(1).closeCalls.get() == 1);
            other.query("DO 1");
            assertEquals(4, RawClient.ok(other.read()).affectedRows());
        }
        assertEquals(1, server.handlers.get(1).closeCalls.get());
    }

    @Test
    void queryLongerThan16MiBArrivesWhole() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            String sql = "DO '" + "q".repeat(0xFFFFFF + 1000) + "'";
            c.query(sql);
            RawClient.Packet p = c.read();
            assertEquals(2, p.seq(), "the request took seq 0 and 1");
            assertEquals(sql.length(), RawClient.ok(p).affectedRows());
            assertEquals(sql, server.lastHandler().queries.get(0));

            // Exactly 0xFFFFFF bytes: the client sends a full packet and an empty one.
            String exact = "DO '" + "e".repeat(0xFFFFFF - 6) + "'";
            assertEquals(0xFFFFFF, exact.length() + 1);
            c.query(exact);
            RawClient.Packet q = c.read();
            assertEquals(2, q.seq());
            assertEquals(exact.length(), RawClient.ok(q).affectedRows());
        }
    }

    @Test
    void rowLongerThan16MiBIsSplitAndJoined() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            int n = 0xFFFFFF + 5;
            c.query("select big " + n);
            RawClient.ResultSet rs = c.readResultSet(1);
            assertEquals(List.of("big"), rs.labels());
            assertEquals(1, rs.rows().size());
            assertEquals("b".repeat(n), rs.rows().get(0).get(0));
            // count, def, EOF, row (two packets), EOF: 6 packets with ids 1..6
            assertEquals(6, rs.lastSeq());

            // A row of exactly 0xFFFFFF bytes ends with an empty packet.
            int exact = 0xFFFFFF - 4; // 0xFD + 3-byte length + value
            c.query("select big " + exact);
            RawClient.ResultSet rs2 = c.readResultSet(1);
            assertEquals(exact, rs2.rows().get(0).get(0).length());
            assertEquals(6, rs2.lastSeq());
        }
    }

    @Test
    void textResultSetLayout() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.query("select @@version_comment limit 1");
            List<RawClient.Packet> packets = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                packets.add(c.read());
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(i + 1, packets.get(i).seq());
            }
            assertArrayEquals(new byte[] {1}, packets.get(0).payload());
            byte[] def = new ByteWriter().lenencString("def").lenencString("").lenencString("").lenencString("")
                    .lenencString("@@version_comment").lenencString("").int1(0x0C).int2(33).int4(768).int1(0xFD)
                    .int2(0).int1(0).int2(0).toByteArray();
            assertArrayEquals(def, packets.get(1).payload());
            assertArrayEquals(new byte[] {(byte) 0xFE, 0, 0, 2, 0}, packets.get(2).payload());
            byte[] row = new ByteWriter().lenencString(FakeHandler.VERSION_COMMENT).toByteArray();
            assertArrayEquals(row, packets.get(3).payload());
            assertArrayEquals(new byte[] {(byte) 0xFE, 0, 0, 2, 0}, packets.get(4).payload());

            c.query("select id, name from t");
            RawClient.ResultSet rs = c.readResultSet(1);
            assertEquals(List.of("id", "name"), rs.labels());
            assertEquals(List.of(List.of("1", "alpha"), Arrays.asList("2", null)), rs.rows());
        }
    }

    @Test
    void okPacketCarriesAffectedRowsInsertIdAndInfo() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.query("insert into t values (3, 'gamma')");
            assertEquals(new RawClient.Ok(1, 3, ServerStatus.AUTOCOMMIT, 0, ""), RawClient.ok(c.read()));
            c.query("update t set name = 'x'");
            assertEquals(new RawClient.Ok(2, 0, ServerStatus.AUTOCOMMIT, 0, "Rows matched: 2  Changed: 2  Warnings: 0"),
                    RawClient.ok(c.read()));
        }
    }

    @Test
    void multiStatementResultsCarryMoreResultsExceptTheLast() throws IOException {
        try (RawClient c = RawClient.login(server.port(), Capabilities.CLIENT_MULTI_STATEMENTS)) {
            c.query("select 1; set @a = 1; select id, name from t");
            RawClient.ResultSet first = c.readResultSet(1);
            assertEquals(List.of(List.of("1")), first.rows());
            assertEquals(ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS, first.firstEofStatus());
            assertEquals(ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS, first.lastEofStatus());
            RawClient.Packet ok = c.read();
            assertEquals(first.lastSeq() + 1, ok.seq());
            assertEquals(ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS, RawClient.ok(ok).status());
            RawClient.ResultSet last = c.readResultSet(ok.seq() + 1);
            assertEquals(ServerStatus.AUTOCOMMIT, last.lastEofStatus());
            assertEquals(List.of(true), server.lastHandler().multiFlags);

            // An error stops the batch: the results before it, then ERR.
            c.query("select 1; select * from missing; select 1");
            RawClient.ResultSet one = c.readResultSet(1);
            assertEquals(ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS, one.lastEofStatus());
            RawClient.Packet err = c.read();
            assertEquals(one.lastSeq() + 1, err.seq());
            assertEquals(new RawClient.Err(1146, "42S02", "Table 'test.missing' doesn't exist"), RawClient.err(err));

            // COM_SET_OPTION 1 turns multi-statements off: EOF, then the handler is told so.
            c.command(0x1B, new byte[] {1, 0});
            RawClient.Packet eof = c.read();
            assertEquals(1, eof.seq());
            assertArrayEquals(new byte[] {(byte) 0xFE, 0, 0, 2, 0}, eof.payload());
            c.query("select 1; select 1");
            assertEquals(1064, RawClient.err(c.read()).code());
            assertEquals(false, server.lastHandler().multiFlags.get(2));
            c.command(0x1B, new byte[] {0, 0});
            assertEquals(0xFE, c.read().first());
            c.query("select 1;select 1");
            c.readResultSet(1);
            assertEquals(ServerStatus.AUTOCOMMIT, c.readResultSet(6).lastEofStatus());
        }
    }

    @Test
    void clientWithoutMultiStatementsGetsTheTextAsOneStatement() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.query("select 1; select 1");
            RawClient.Err err = RawClient.err(c.read());
            assertEquals(1064, err.code());
            assertEquals(List.of(false), server.lastHandler().multiFlags);
        }
    }

    @Test
    void handlerErrorsBecomeErrAndTheConnectionGoesOn() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.query("select * from missing");
            RawClient.Packet p = c.read();
            assertEquals(1, p.seq());
            assertEquals(new RawClient.Err(1146, "42S02", "Table 'test.missing' doesn't exist"), RawClient.err(p));
            c.query("boom");
            assertEquals(new RawClient.Err(1105, "HY000", "the fake handler exploded"), RawClient.err(c.read()));
            c.query("");
            assertEquals(new RawClient.Err(1065, "42000", "Query was empty"), RawClient.err(c.read()));
            c.command(0x02, "nosuchdb".getBytes(StandardCharsets.UTF_8));
            assertEquals(new RawClient.Err(1049, "42000", "Unknown database 'nosuchdb'"), RawClient.err(c.read()));
            c.command(0x02, "mysql".getBytes(StandardCharsets.UTF_8));
            assertEquals(0x00, c.read().first());
            assertEquals("mysql", server.lastHandler().database);
            c.query("select 1");
            assertEquals(List.of(List.of("1")), c.readResultSet(1).rows());
        }
    }

    @Test
    void preparedStatementCommandsAnswerAsWithoutServerSideStatements() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.command(0x16, "select ?".getBytes(StandardCharsets.UTF_8));
            assertEquals(new RawClient.Err(1295, "HY000", "This command is not supported in the prepared statement protocol yet"),
                    RawClient.err(c.read()));
            c.command(0x17, new byte[] {7, 0, 0, 0, 0, 1, 0, 0, 0});
            assertEquals(new RawClient.Err(1243, "HY000", "Unknown prepared statement handler (7) given to mysqld_stmt_execute"),
                    RawClient.err(c.read()));
            c.command(0x1A, new byte[] {9, 0, 0, 0});
            assertEquals(new RawClient.Err(1243, "HY000", "Unknown prepared statement handler (9) given to mysqld_stmt_reset"),
                    RawClient.err(c.read()));
            c.command(0x19, new byte[] {7, 0, 0, 0}); // COM_STMT_CLOSE: no answer
            c.command(0x18, new byte[] {7, 0, 0, 0, 0, 0, 'x'}); // COM_STMT_SEND_LONG_DATA: no answer
            c.command(0x0E, new byte[0]);
            RawClient.Packet ping = c.read();
            assertEquals(1, ping.seq());
            assertEquals(0x00, ping.first(), "the next packet is the ping's OK");
        }
    }

    @Test
    void fieldListPingKillShutdownReset() throws IOException {
        try (RawClient victim = RawClient.login(server.port(), 0); RawClient c = RawClient.login(server.port(), 0)) {
            c.command(0x04, "t\0%".getBytes(StandardCharsets.UTF_8));
            RawClient.Packet id = c.read();
            assertEquals(1, id.seq());
            ByteReader r = new ByteReader(id.payload());
            assertEquals("def", r.lenencString());
            assertEquals("test", r.lenencString());
            assertEquals("t", r.lenencString());
            assertEquals("t", r.lenencString());
            assertEquals("id", r.lenencString());
            assertEquals("id", r.lenencString());
            r.skip(13);
            assertEquals(0xFB, r.int1(), "no default value");
            assertFalse(r.hasRemaining());
            RawClient.Packet name = c.read();
            byte[] tail = Arrays.copyOfRange(name.payload(), name.payload().length - 7, name.payload().length);
            assertArrayEquals(new byte[] {6, 'n', 'o', 'b', 'o', 'd', 'y'}, tail);
            assertArrayEquals(new byte[] {(byte) 0xFE, 0, 0, 2, 0}, c.read().payload());

            c.command(0x04, "nope\0".getBytes(StandardCharsets.UTF_8));
            assertEquals(1146, RawClient.err(c.read()).code());

            long victimId = victim.greeting.connectionId();
            c.command(0x0C, new ByteWriter().int4(victimId).toByteArray());
            assertEquals(0x00, c.read().first());
            assertTrue(victim.closedByServer());
            FakeHandler victimSession = server.handlers.get(0);
            Poll.until("the killed session to close", FakeServer.WAIT, () -> victimSession.closeCalls.get() == 1);

            c.command(0x1F, new byte[0]);
            assertEquals(0x00, c.read().first());
            assertEquals(1, server.handlers.get(1).resets.get());

            // MySQL 5.7 shuts down at the default level (0) or WAIT_ALL_BUFFERS (16) only; another
            // level is 1235 and the server goes on
            c.command(0x08, new byte[] {1});
            RawClient.Err refused = RawClient.err(c.read());
            assertEquals(1235, refused.code());
            assertEquals("This version of MySQL doesn't yet support 'this shutdown level'", refused.message());
            assertFalse(server.handlers.get(1).shutdownRequested);
            c.command(0x0E, new byte[0]);
            assertEquals(0x00, c.read().first(), "the connection goes on");

            c.command(0x08, new byte[] {0});
            RawClient.Packet eof = c.read();
            assertEquals(1, eof.seq());
            assertArrayEquals(new byte[] {(byte) 0xFE, 0, 0, 2, 0}, eof.payload());
            assertTrue(server.handlers.get(1).shutdownRequested);
        }
    }

    @Test
    void quitClosesAndSessionIsClosedOnce() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.command(0x01, new byte[0]);
            assertTrue(c.closedByServer());
        }
        FakeHandler h = server.handlers.get(0);
        Poll.until("close()", FakeServer.WAIT, () -> h.closeCalls.get() == 1);
        Poll.until("the connection list to empty", FakeServer.WAIT, () -> server.listener.connections().isEmpty());
        assertEquals(1, h.closeCalls.get());
        assertEquals(0, server.abortedConnects.get());
    }

    @Test
    void rawCommandTakesOverTheChannel() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        server.listener.registerRawCommand(0x15, (payload, ctx) -> {
            ByteReader r = new ByteReader(payload, 1);
            seen.add("register server_id=" + r.int4() + " connection=" + ctx.connection().id());
            ctx.channel().writeOk(new OkPacket(0, 0, ctx.handler().statusFlags(), 0, null));
            return RawCommand.Outcome.CONTINUE;
        });
        server.listener.registerRawCommand(0x12, (payload, ctx) -> {
            PacketChannel ch = ctx.channel();
            for (int i = 0; i < 3; i++) {
                ch.writePacket(new byte[] {0, (byte) i});
                ch.flush();
            }
            ch.setNextSequenceId(1); // as after a semisync ACK request (spec §4.5)
            ch.writePacket(new byte[] {0, 9});
            ch.writeEof(0, ServerStatus.AUTOCOMMIT);
            return payload[1] == 1 ? RawCommand.Outcome.CONTINUE : RawCommand.Outcome.CLOSE;
        });
        server.listener.registerRawCommand(0x1E, (payload, ctx) -> {
            throw ErrorCode.ER_UNKNOWN_ERROR.error("dump refused");
        });
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.command(0x15, new byte[] {42, 0, 0, 0, 0, 0, 0, 0x0C, 0x0D, 0, 0, 0, 0, 0, 0, 0, 0});
            RawClient.Packet ok = c.read();
            assertEquals(1, ok.seq());
            assertEquals(0x00, ok.first());
            assertEquals(List.of("register server_id=42 connection=" + c.greeting.connectionId()), seen);

            c.command(0x12, new byte[] {1});
            int[] seqs = new int[5];
            for (int i = 0; i < 5; i++) {
                seqs[i] = c.read().seq();
            }
            assertArrayEquals(new int[] {1, 2, 3, 1, 2}, seqs);

            c.command(0x1E, new byte[0]);
            RawClient.Packet err = c.read();
            assertEquals(1, err.seq());
            assertEquals(new RawClient.Err(1105, "HY000", "dump refused"), RawClient.err(err));

            c.command(0x12, new byte[] {0});
            for (int i = 0; i < 5; i++) {
                assertNotNull(c.read());
            }
            assertTrue(c.closedByServer(), "CLOSE ends the connection");
        }
        server.listener.unregisterRawCommand(0x15);
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.command(0x15, new byte[] {42, 0, 0, 0});
            assertEquals(1047, RawClient.err(c.read()).code());
        }
    }

    @Test
    void closingTheListenerAbortsLiveConnections() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0); RawClient pending = RawClient.connect(server.port())) {
            Poll.until("two connections", FakeServer.WAIT, () -> server.listener.connections().size() == 2);
            server.listener.close();
            assertTrue(c.closedByServer());
            assertTrue(pending.closedByServer());
            assertTrue(server.listener.connections().isEmpty());
            assertEquals(1, server.handlers.get(0).closeCalls.get());
            assertEquals(1, server.abortedConnects.get(), "the connection still in its handshake");
        }
    }

    @Test
    void bytesAreCounted() throws IOException {
        try (RawClient c = RawClient.login(server.port(), 0)) {
            c.command(0x0E, new byte[0]);
            assertEquals(7, c.read().payload().length);
            c.query("select id, name from t");
            c.readResultSet(1);
            // Greeting, login OK, ping OK and the result set: everything the client read, headers included.
            Poll.until("Bytes_sent = " + c.bytesRead, FakeServer.WAIT, () -> server.bytesSent.get() == c.bytesRead);
            assertEquals(c.bytesWritten, server.bytesReceived.get());
        }
    }
}
