package io.minisqld.server.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each message encoded to the bytes protocol.md gives, and decoded back, as both ends read it. */
class WireMessagesTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void errPacketCarriesCodeMarkerStateAndMessage() {
        byte[] err = ErrPacket.of(ErrorCode.ER_NO_DB_ERROR).encode();
        assertArrayEquals(concat(bytes(0xFF, 0x16, 0x04, '#'), ascii("3D000No database selected")), err);
        assertTrue(ErrPacket.isErr(err));
        assertEquals(new ErrPacket(1046, "3D000", "No database selected"), ErrPacket.decode(err));
    }

    @Test
    void errPacketDecodesWhatOldServersSend() {
        assertEquals(new ErrPacket(1040, "HY000", "Too many"), ErrPacket.decode(concat(bytes(0xFF, 0x10, 0x04),
                ascii("Too many"))));
        assertEquals(new ErrPacket(0, "HY000", ""), ErrPacket.decode(bytes(0xFF)));
    }

    @Test
    void okPacketRoundTripsWithAndWithoutInfo() {
        OkPacket plain = OkPacket.plain(ServerStatus.AUTOCOMMIT);
        assertArrayEquals(bytes(0, 0, 0, 2, 0, 0, 0), plain.encode());
        assertEquals(new OkPacket(0, 0, 2, 0, null), OkPacket.decode(plain.encode()));
        OkPacket info = new OkPacket(300, 7, 3, 1, "Rows matched: 1");
        assertEquals(info, OkPacket.decode(info.encode()));
        assertEquals(new OkPacket(1, 0, 2, 0, null), OkPacket.decode(bytes(0, 1, 0, 2, 0)));
        assertThrows(MalformedPacketException.class, () -> OkPacket.decode(bytes(0, 1, 0, 2)));
    }

    @Test
    void eofPacketIsShortAndStartsWith0xFE() {
        byte[] eof = new EofPacket(1, ServerStatus.MORE_RESULTS_EXISTS).encode();
        assertArrayEquals(bytes(0xFE, 1, 0, 8, 0), eof);
        assertTrue(EofPacket.isEof(eof));
        assertFalse(EofPacket.isEof(bytes(0xFE, 1, 2, 3, 4, 5, 6, 7, 8)));
        assertEquals(new EofPacket(1, 8), EofPacket.decode(eof));
        assertEquals(new EofPacket(0, 0), EofPacket.decode(bytes(0xFE)));
    }

    @Test
    void greetingRoundTripsItsScramble() {
        byte[] scramble = ascii("abcdefghijklmnopqrst");
        HandshakeV10 greeting = new HandshakeV10("5.7.44-minisqld-test", 42, scramble,
                Capabilities.SERVER_CAPABILITIES, 33, ServerStatus.AUTOCOMMIT, "mysql_native_password");
        byte[] encoded = greeting.encode();
        assertEquals(0x0A, encoded[0]);
        HandshakeV10 decoded = HandshakeV10.decode(encoded);
        assertEquals("5.7.44-minisqld-test", decoded.serverVersion());
        assertEquals(42, decoded.connectionId());
        assertArrayEquals(scramble, decoded.scramble());
        assertEquals(Capabilities.SERVER_CAPABILITIES, decoded.capabilities());
        assertEquals(33, decoded.collation());
        assertEquals(ServerStatus.AUTOCOMMIT, decoded.status());
        assertEquals("mysql_native_password", decoded.authPlugin());
        encoded[0] = 9;
        assertThrows(MalformedPacketException.class, () -> HandshakeV10.decode(encoded));
    }

    @Test
    void handshakeResponseRoundTripsItsOptionalFields() {
        int caps = Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_SECURE_CONNECTION
                | Capabilities.CLIENT_PLUGIN_AUTH | Capabilities.CLIENT_CONNECT_WITH_DB
                | Capabilities.CLIENT_CONNECT_ATTRS;
        HandshakeResponse41 response = new HandshakeResponse41(caps, 0xFFFFFF, 45, "repl", bytes(1, 2, 3), "test",
                "mysql_native_password", Map.of("_client_name", "minisqld"));
        HandshakeResponse41 back = HandshakeResponse41.decode(response.encode(), Capabilities.SERVER_CAPABILITIES);
        assertEquals(caps, back.clientCapabilities());
        assertEquals(0xFFFFFF, back.maxPacketSize());
        assertEquals(45, back.collation());
        assertEquals("repl", back.user());
        assertArrayEquals(bytes(1, 2, 3), back.authResponse());
        assertEquals("test", back.database());
        assertEquals("mysql_native_password", back.authPlugin());
        assertEquals(Map.of("_client_name", "minisqld"), back.attributes());
    }

    @Test
    void authSwitchRequestEndsWithTheNulClientsExpect() {
        AuthSwitchRequest request = new AuthSwitchRequest("mysql_native_password", ascii("0123456789abcdefghij"));
        byte[] encoded = request.encode();
        assertEquals(0, encoded[encoded.length - 1]);
        AuthSwitchRequest back = AuthSwitchRequest.decode(encoded);
        assertEquals("mysql_native_password", back.plugin());
        assertArrayEquals(ascii("0123456789abcdefghij"), back.scramble());
        assertEquals(AuthSwitchRequest.OLD_PASSWORD, AuthSwitchRequest.decode(bytes(0xFE)).plugin());
    }

    @Test
    void binlogDumpIsPositionFlagsServerIdAndFile() {
        BinlogDumpCommand dump = new BinlogDumpCommand(4, BinlogDumpCommand.NON_BLOCK, 3, "bin.000001");
        assertArrayEquals(concat(bytes(0x12, 4, 0, 0, 0, 1, 0, 3, 0, 0, 0), ascii("bin.000001")), dump.encode());
        assertEquals(dump, BinlogDumpCommand.decode(dump.encode()));
        assertEquals("bin.000001", BinlogDumpCommand.decode(concat(dump.encode(), bytes(0))).file());
        assertTrue(dump.nonBlocking());
        assertFalse(new BinlogDumpCommand(4, 0, 3, "").nonBlocking());
        assertTrue(new BinlogDumpCommand(4, 0, 0, "").nonBlocking(), "server id 0 is mysqlbinlog's one-shot dump");
    }

    @Test
    void registerSlaveCarriesShortStringsPortRankAndMasterId() {
        RegisterSlaveCommand register = RegisterSlaveCommand.of(2, "h", "u", "", 3308);
        assertArrayEquals(bytes(0x15, 2, 0, 0, 0, 1, 'h', 1, 'u', 0, 0xEC, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0),
                register.encode());
        assertEquals(register, RegisterSlaveCommand.decode(register.encode()));
        String longHost = "x".repeat(300);
        assertEquals(255, RegisterSlaveCommand.decode(RegisterSlaveCommand.of(2, longHost, "", "", 0).encode())
                .reportHost().length());
    }

    @Test
    void queryAndQuitAreTheCommandByteAndTheRest() {
        assertArrayEquals(concat(bytes(0x03), ascii("SELECT 1")), QueryCommand.utf8("SELECT 1").encode());
        // the bytes pass as they are: the session decodes them in its character_set_client
        byte[] raw = concat(concat(ascii("SELECT '"), bytes(0xFF, 0x80)), ascii("'"));
        assertArrayEquals(raw, QueryCommand.decode(new QueryCommand(raw).encode()).sql());
        assertArrayEquals(bytes(0x01), new QuitCommand().encode());
        assertEquals(new QuitCommand(), QuitCommand.decode(bytes(0x01)));
        assertThrows(MalformedPacketException.class, () -> QuitCommand.decode(bytes(0x03)));
        assertNull(Command.of(0x42));
    }
}
