package io.minisqld.server.grant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NativePasswordTest {
    private static final byte[] SCRAMBLE = "abcdefghij0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hashIsMySqlPasswordFunction() {
        // SELECT PASSWORD('password') on MySQL 5.7
        assertEquals("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19", NativePassword.hash("password"));
        assertEquals("", NativePassword.hash(""));
    }

    @Test
    void scrambleIsTwentyPrintableBytes() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            byte[] s = NativePassword.newScramble(random);
            assertEquals(20, s.length);
            for (byte b : s) {
                assertTrue(b >= 0x21 && b <= 0x7E, "byte " + b);
            }
        }
    }

    @Test
    void tokenOfTheRightPasswordVerifies() {
        String stored = NativePassword.hash("s3cret");
        byte[] token = NativePassword.token("s3cret", SCRAMBLE);
        assertEquals(20, token.length);
        assertTrue(NativePassword.verify(SCRAMBLE, token, stored));
        assertFalse(NativePassword.verify(SCRAMBLE, NativePassword.token("wrong", SCRAMBLE), stored));
        byte[] other = "ABCDEFGHIJ0123456789".getBytes(StandardCharsets.US_ASCII);
        assertFalse(NativePassword.verify(other, token, stored), "a token is bound to its scramble");
    }

    @Test
    void scrambleWithTrailingNulIsTheSameScramble() {
        byte[] withNul = new byte[21];
        System.arraycopy(SCRAMBLE, 0, withNul, 0, 20);
        assertArrayEquals(NativePassword.token("pw", SCRAMBLE), NativePassword.token("pw", withNul));
        assertTrue(NativePassword.verify(withNul, NativePassword.token("pw", SCRAMBLE), NativePassword.hash("pw")));
    }

    @Test
    void emptyTokenMatchesOnlyEmptyPassword() {
        assertEquals(0, NativePassword.token("", SCRAMBLE).length);
        assertTrue(NativePassword.verify(SCRAMBLE, new byte[0], ""));
        assertTrue(NativePassword.verify(SCRAMBLE, new byte[] {0}, ""), "a single NUL is an empty answer");
        assertFalse(NativePassword.verify(SCRAMBLE, new byte[0], NativePassword.hash("pw")));
        assertFalse(NativePassword.verify(SCRAMBLE, new byte[] {0}, NativePassword.hash("pw")));
        assertFalse(NativePassword.verify(SCRAMBLE, NativePassword.token("pw", SCRAMBLE), ""));
    }

    @Test
    void hashFormatCheck() {
        assertTrue(NativePassword.isValidHash(""));
        assertTrue(NativePassword.isValidHash("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"));
        assertFalse(NativePassword.isValidHash("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"));
        assertFalse(NativePassword.isValidHash("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E1Z"));
        assertFalse(NativePassword.isValidHash("not-so-secret"));
    }
}
