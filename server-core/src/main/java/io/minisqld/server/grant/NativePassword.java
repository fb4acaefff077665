package io.minisqld.server.grant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The {@code mysql_native_password} scheme (protocol spec §1.4.3): the server keeps
 * SHA1(SHA1(password)), the client proves it knows SHA1(password) against a fresh scramble.
 */
public final class NativePassword {
    /** Length of the scramble and of a non-empty token. */
    public static final int SCRAMBLE_LENGTH = 20;
    /** The plugin name of this method, as mysql.user.plugin and the handshake carry it. */
    public static final String PLUGIN = "mysql_native_password";

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private NativePassword() {
    }

    /**
     * A fresh 20-byte scramble of printable ASCII 0x21–0x7E: never NUL, never ≥ 0x80, which some
     * clients (BinaryLogClient) would mangle (protocol spec §1.4.1).
     */
    public static byte[] newScramble(SecureRandom random) {
        byte[] s = new byte[SCRAMBLE_LENGTH];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (0x21 + random.nextInt(0x7E - 0x21 + 1));
        }
        return s;
    }

    /** MySQL's {@code PASSWORD()}: {@code *} and 40 upper-case hex digits; empty for an empty password. */
    public static String hash(String password) {
        if (password == null || password.isEmpty()) return "";
        return "*" + UPPER_HEX.formatHex(sha1(sha1(password.getBytes(StandardCharsets.UTF_8))));
    }

    /** True if {@code hash} is a value {@link #hash} could give (what {@code IDENTIFIED ... AS} accepts). */
    public static boolean isValidHash(String hash) {
        if (hash.isEmpty()) return true;
        if (hash.length() != 41 || hash.charAt(0) != '*') return false;
        for (int i = 1; i < hash.length(); i++) {
            if (Character.digit(hash.charAt(i), 16) < 0) return false;
        }
        return true;
    }

    /** A client's empty answer: no bytes, or the single NUL some clients send. */
    public static boolean isEmptyToken(byte[] token) {
        return token == null || token.length == 0 || (token.length == 1 && token[0] == 0);
    }

    /**
     * Checks a client's token: an empty token matches only an empty stored hash; otherwise
     * {@code SHA1(token XOR SHA1(scramble ‖ H2)) == H2}, H2 being the stored hash's 20 bytes.
     */
    public static boolean verify(byte[] scramble, byte[] token, String storedHash) {
        boolean emptyToken = isEmptyToken(token);
        if (storedHash == null || storedHash.isEmpty()) return emptyToken;
        if (emptyToken || token.length != SCRAMBLE_LENGTH || !isValidHash(storedHash)) return false;
        byte[] h2 = HexFormat.of().parseHex(storedHash, 1, storedHash.length());
        byte[] mask = sha1(concat(scramble20(scramble), h2));
        byte[] candidate = new byte[SCRAMBLE_LENGTH];
        for (int i = 0; i < candidate.length; i++) {
            candidate[i] = (byte) (token[i] ^ mask[i]);
        }
        return MessageDigest.isEqual(sha1(candidate), h2);
    }

    /** The client side: {@code SHA1(pw) XOR SHA1(scramble ‖ SHA1(SHA1(pw)))}, empty for an empty password. */
    public static byte[] token(String password, byte[] scramble) {
        if (password == null || password.isEmpty()) return new byte[0];
        byte[] h1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] mask = sha1(concat(scramble20(scramble), sha1(h1)));
        byte[] token = new byte[SCRAMBLE_LENGTH];
        for (int i = 0; i < token.length; i++) {
            token[i] = (byte) (h1[i] ^ mask[i]);
        }
        return token;
    }

    // A greeting's scramble may arrive with its trailing NUL; only the 20 bytes are hashed.
    private static byte[] scramble20(byte[] scramble) {
        if (scramble.length > SCRAMBLE_LENGTH) {
            byte[] s = new byte[SCRAMBLE_LENGTH];
            System.arraycopy(scramble, 0, s, 0, SCRAMBLE_LENGTH);
            return s;
        }
        return scramble;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
