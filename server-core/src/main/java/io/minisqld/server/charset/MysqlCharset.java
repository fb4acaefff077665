package io.minisqld.server.charset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The character sets a client may talk in, with byte-exact codecs: what a client sends is decoded
 * so that encoding the text again gives back the very same bytes, whatever they were.
 *
 * <p>UTF-8 bytes that form no character (a BLOB's bytes in a utf8mb4 connection) become lone
 * surrogates U+DC80–U+DCFF, one per byte, and go back to those bytes when encoded (the
 * "surrogateescape" of Python's codecs); a valid UTF-8 text never contains lone surrogates, so
 * nothing is ambiguous. MySQL's latin1 is Windows-1252 with its five unassigned bytes as the
 * C1 controls; binary is one character per byte.
 */
public enum MysqlCharset {
    UTF8MB4("utf8mb4", 45, 4),
    UTF8("utf8", 33, 3),
    LATIN1("latin1", 8, 1),
    ASCII("ascii", 11, 1),
    BINARY("binary", 63, 1);

    /** Windows-1252's 0x80–0x9F; the five it leaves unassigned stay the C1 controls, as in MySQL. */
    private static final char[] CP1252_HIGH = {
            '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
            '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
            '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
            '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178'};

    private final String mysqlName;
    private final int defaultCollation;
    private final int maxBytes;

    MysqlCharset(String mysqlName, int defaultCollation, int maxBytes) {
        this.mysqlName = mysqlName;
        this.defaultCollation = defaultCollation;
        this.maxBytes = maxBytes;
    }

    /** The name MySQL gives it (utf8mb3 is spelled utf8, as in 5.7). */
    public String mysqlName() {
        return mysqlName;
    }

    /** The id of its default collation, as protocol packets and binlog events carry it. */
    public int defaultCollation() {
        return defaultCollation;
    }

    /** The most bytes one character takes (column lengths in result metadata). */
    public int maxBytes() {
        return maxBytes;
    }

    /** MySQL 5.7's character set names (a few of which this server speaks). */
    private static final java.util.Set<String> MYSQL_NAMES = java.util.Set.of("big5", "dec8", "cp850", "hp8", "koi8r",
            "latin1", "latin2", "swe7", "ascii", "ujis", "sjis", "hebrew", "tis620", "euckr", "koi8u", "gb2312",
            "greek", "cp1250", "gbk", "latin5", "armscii8", "utf8", "utf8mb3", "ucs2", "cp866", "keybcs2", "macce",
            "macroman", "cp852", "latin7", "utf8mb4", "cp1251", "utf16", "utf16le", "cp1256", "cp1257", "utf32",
            "binary", "geostd8", "cp932", "eucjpms", "gb18030");

    /** Whether MySQL 5.7 has a character set of that name. */
    public static boolean isMysqlName(String name) {
        return name != null && MYSQL_NAMES.contains(name.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The character set a client may name, or MySQL's error: 1115 for a name MySQL does not know,
     * 1235 for one of MySQL's that this server does not speak.
     */
    public static MysqlCharset require(String name) {
        MysqlCharset cs = named(name);
        if (cs != null) return cs;
        if (isMysqlName(name)) {
            throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("character set '" + name + "'");
        }
        throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_CHARACTER_SET.error(name);
    }

    /** The character set a MySQL name means, or null for one this server does not speak. */
    public static MysqlCharset named(String name) {
        if (name == null) return null;
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "utf8mb4" -> UTF8MB4;
            case "utf8", "utf8mb3" -> UTF8;
            case "latin1" -> LATIN1;
            case "ascii" -> ASCII;
            case "binary" -> BINARY;
            default -> null;
        };
    }

    public String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** The text of {@code bytes}, losing nothing (see the class comment). */
    public String decode(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int end = offset + length;
        switch (this) {
            case LATIN1 -> {
                for (int i = offset; i < end; i++) {
                    int b = bytes[i] & 0xFF;
                    out.append(b >= 0x80 && b < 0xA0 ? CP1252_HIGH[b - 0x80] : (char) b);
                }
            }
            case BINARY -> {
                for (int i = offset; i < end; i++) out.append((char) (bytes[i] & 0xFF));
            }
            default -> decodeUtf8(bytes, offset, end, out);
        }
        return out.toString();
    }

    private static void decodeUtf8(byte[] b, int i, int end, StringBuilder out) {
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                out.append((char) c);
                i++;
                continue;
            }
            int n;
            int cp;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                cp = c & 0x1F;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                cp = c & 0x0F;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                out.append(escape(c));
                i++;
                continue;
            }
            boolean ok = i + n < end;
            for (int k = 1; ok && k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) ok = false;
                else cp = (cp << 6) | (cc & 0x3F);
            }
            // overlong forms, UTF-16 surrogates and code points past U+10FFFF are no characters
            if (!ok || cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                out.append(escape(c));
                i++;
                continue;
            }
            out.appendCodePoint(cp);
            i += n + 1;
        }
    }

    /** The lone surrogate that stands for an undecodable byte. */
    private static char escape(int b) {
        return (char) (0xDC00 + b);
    }

    /** Whether {@code c} stands for a byte that was no character. */
    public static boolean isEscapedByte(char c) {
        return c >= 0xDC80 && c <= 0xDCFF;
    }

    /** Whether a text holds bytes that were no character in the charset it came in. */
    public static boolean hasEscapedBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                if (isEscapedByte(c)) return true;
            }
        }
        return false;
    }

    /**
     * Where the first character a column of this set cannot hold is in {@code text}, or -1 when it
     * holds them all: latin1 holds Windows-1252's characters (and the five C1 controls it leaves
     * unassigned), ascii U+0000 to U+007F, utf8 (utf8mb3) the characters of up to three UTF-8 bytes,
     * utf8mb4 every character; a byte that was no character (an escaped byte) fits no text column.
     */
    public int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean fits = switch (this) {
                case LATIN1 -> c == '?' || latin1Byte(c) != '?';
                case ASCII -> c < 0x80;
                case UTF8 -> !Character.isSurrogate(c);
                case UTF8MB4 -> pair || !Character.isSurrogate(c);
                case BINARY -> true;
            };
            if (!fits) return i;
            if (pair) i++;
        }
        return -1;
    }

    /**
     * The bytes of {@code text} in this charset: escaped bytes come back as they were; a character
     * the charset cannot hold becomes {@code ?}, as MySQL converts it.
     */
    public byte[] encode(String text) {
        if (this == UTF8MB4 || this == UTF8 || this == ASCII) return encodeUtf8(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isEscapedByte(c) && !pairedSurrogate(text, i)) {
                out.write(c - 0xDC00);
            } else if (this == BINARY) {
                if (c <= 0xFF) {
                    out.write(c);
                } else {
                    // a character beyond one byte: its UTF-8 bytes, as a utf8mb4 column holds it
                    int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                    out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                    i = end - 1;
                }
            } else {
                out.write(latin1Byte(c));
            }
        }
        return out.toByteArray();
    }

    private static boolean pairedSurrogate(String s, int i) {
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) && Character.isLowSurrogate(s.charAt(i));
    }

    private static int latin1Byte(char c) {
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return c;
        for (int k = 0; k < CP1252_HIGH.length; k++) {
            if (CP1252_HIGH[k] == c) return 0x80 + k;
        }
        return '?';
    }

    private static byte[] encodeUtf8(String s) {
        // Java's encoder writes what the loop below writes (a lone surrogate as '?') unless the
        // text holds escaped bytes, which go back as the raw bytes they stand for
        if (!hasEscapedBytes(s)) return s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.write(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else if (isEscapedByte(c)) {
                out.write(c - 0xDC00);
            } else if (Character.isSurrogate(c)) {
                out.write('?');
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        return out.toByteArray();
    }
}
