package io.minisqld.server.engine.h2;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * MySQL's hashing and encoding functions, which H2 lacks or spells otherwise: HEX, UNHEX, MD5,
 * SHA1 / SHA, SHA2, CRC32, TO_BASE64 and FROM_BASE64. A text argument is its UTF-8 bytes (the
 * characters the server stores), a binary one its bytes, a number its value; NULL gives NULL, and
 * so does input the function cannot read (UNHEX of a non-hex digit, FROM_BASE64 of bad base64,
 * SHA2 of an unknown length), as in MySQL. Installed as H2 aliases ({@link H2Functions}).
 */
public final class StringFunctions {
    /** MySQL's name → the method of this class that computes it. */
    static final Map<String, String> BY_NAME = Map.of("HEX", "hex", "UNHEX", "unhex", "MD5", "md5", "SHA1", "sha1",
            "SHA", "sha1", "SHA2", "sha2", "CRC32", "crc32", "TO_BASE64", "toBase64", "FROM_BASE64", "fromBase64");

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();
    private static final HexFormat LOWER = HexFormat.of();

    private StringFunctions() {
    }

    /** The H2 alias of a MySQL function of this class. */
    static String alias(String method) {
        return "minisqld_" + method.toLowerCase(Locale.ROOT);
    }

    /** HEX(str) is each byte as two upper-case digits; HEX(n) is the 64-bit number in base 16. */
    public static String hex(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        switch (v.getValueType()) {
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT ->
                    { return Long.toHexString(v.getLong()).toUpperCase(Locale.ROOT); }
            case Value.NUMERIC, Value.REAL, Value.DOUBLE, Value.DECFLOAT -> {
                // MySQL rounds a non-integer to the nearest integer first; beyond 64 bits it is all ones
                BigInteger n = v.getBigDecimal().setScale(0, java.math.RoundingMode.HALF_UP).toBigInteger();
                if (n.bitLength() > 64) return "FFFFFFFFFFFFFFFF";
                return Long.toHexString(n.longValue()).toUpperCase(Locale.ROOT);
            }
            default -> {
                return UPPER.formatHex(bytes(v));
            }
        }
    }

    /** UNHEX(str): the bytes the digit pairs stand for; NULL for anything else. */
    public static byte[] unhex(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        String s = v.getString();
        if (s.length() % 2 == 1) s = "0" + s;
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String md5(Value v) {
        return digest(v, "MD5");
    }

    public static String sha1(Value v) {
        return digest(v, "SHA-1");
    }

    /** SHA2(str, bits) for 224, 256 (or 0), 384 and 512 bits; NULL for another length. */
    public static String sha2(Value v, Value bits) {
        if (v == ValueNull.INSTANCE || bits == ValueNull.INSTANCE) return null;
        return switch (bits.getInt()) {
            case 224 -> digest(v, "SHA-224");
            case 0, 256 -> digest(v, "SHA-256");
            case 384 -> digest(v, "SHA-384");
            case 512 -> digest(v, "SHA-512");
            default -> null;
        };
    }

    /** CRC32(str): the unsigned 32-bit checksum. */
    public static Long crc32(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        CRC32 crc = new CRC32();
        crc.update(bytes(v));
        return crc.getValue();
    }

    /** TO_BASE64(str): base64, a line break after every 76 characters, as MySQL writes it. */
    public static String toBase64(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        String plain = Base64.getEncoder().encodeToString(bytes(v));
        StringBuilder out = new StringBuilder(plain.length() + plain.length() / 76);
        for (int i = 0; i < plain.length(); i += 76) {
            if (i > 0) out.append('\n');
            out.append(plain, i, Math.min(plain.length(), i + 76));
        }
        return out.toString();
    }

    /** FROM_BASE64(str): the bytes, blanks ignored; NULL for text that is no base64. */
    public static byte[] fromBase64(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        try {
            return Base64.getDecoder().decode(v.getString().replaceAll("[ \\t\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String digest(Value v, String algorithm) {
        if (v == ValueNull.INSTANCE) return null;
        try {
            return LOWER.formatHex(MessageDigest.getInstance(algorithm).digest(bytes(v)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm, e);
        }
    }

    /** A value's bytes: a binary string's own, text as UTF-8, a number as MySQL prints it. */
    private static byte[] bytes(Value v) {
        int type = v.getValueType();
        if (type == Value.VARBINARY || type == Value.BINARY || type == Value.BLOB) return v.getBytes();
        return v.getString().getBytes(StandardCharsets.UTF_8);
    }
}
