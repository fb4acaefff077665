package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.MysqlLocales;
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
import org.h2.value.ValueInteger;
import org.h2.value.ValueNull;

/**
 * MySQL's string functions H2 lacks or spells otherwise: HEX, UNHEX, MD5, SHA1 / SHA, SHA2, CRC32,
 * TO_BASE64, FROM_BASE64, SUBSTRING_INDEX, FIND_IN_SET, FIELD, ELT, INET_ATON and INET_NTOA, COMPRESS,
 * UNCOMPRESS and UNCOMPRESSED_LENGTH,
 * and GTID_SUBSET / GTID_SUBTRACT (on GTID sets' text, {@code gtid.GtidSet}). A text argument is its UTF-8 bytes (the
 * characters the server stores), a binary one its bytes, a number its value; NULL gives NULL, and
 * so does input the function cannot read (UNHEX of a non-hex digit, FROM_BASE64 of bad base64,
 * SHA2 of an unknown length), as in MySQL. Installed as H2 aliases ({@link H2Functions}).
 */
public final class StringFunctions {
    /** MySQL's name → the method of this class that computes it. */
    static final Map<String, String> BY_NAME = Map.ofEntries(Map.entry("HEX", "hex"), Map.entry("UNHEX", "unhex"),
            Map.entry("MD5", "md5"), Map.entry("SHA1", "sha1"), Map.entry("SHA", "sha1"), Map.entry("SHA2", "sha2"),
            Map.entry("CRC32", "crc32"), Map.entry("TO_BASE64", "toBase64"), Map.entry("FROM_BASE64", "fromBase64"),
            Map.entry("SUBSTRING_INDEX", "substringIndex"), Map.entry("FIND_IN_SET", "findInSet"),
            Map.entry("FIELD", "field"), Map.entry("ELT", "elt"), Map.entry("INET_ATON", "inetAton"),
            Map.entry("INET_NTOA", "inetNtoa"), Map.entry("CONV", "conv"), Map.entry("FORMAT", "format"),
            Map.entry("ISNULL", "isNull"), Map.entry("STRCMP", "strcmp"), Map.entry("BIT_COUNT", "bitCount"),
            Map.entry("GTID_SUBSET", "gtidSubset"), Map.entry("GTID_SUBTRACT", "gtidSubtract"),
            Map.entry("LPAD", "lpad"), Map.entry("RPAD", "rpad"), Map.entry("REVERSE", "reverse"),
            Map.entry("ORD", "ord"), Map.entry("QUOTE", "quote"), Map.entry("CHAR_LENGTH", "charLength"),
            Map.entry("CHARACTER_LENGTH", "charLength"), Map.entry("BIN", "bin"),
            Map.entry("OCT", "oct"), Map.entry("POW", "pow"), Map.entry("LOG2", "log2"),
            Map.entry("ACOS", "acos"), Map.entry("ASIN", "asin"), Map.entry("LN", "ln"), Map.entry("LOG", "log"),
            Map.entry("LOG10", "log10"), Map.entry("SQRT", "sqrt"),
            Map.entry("UPPER", "upper"), Map.entry("UCASE", "upper"), Map.entry("LOWER", "lower"),
            Map.entry("LCASE", "lower"), Map.entry("LOCATE", "locate"), Map.entry("INSTR", "instr"),
            Map.entry("ASCII", "ascii"), Map.entry("CONCAT_WS", "concatWs"), Map.entry("MAKE_SET", "makeSet"),
            Map.entry("EXPORT_SET", "exportSet"), Map.entry("SOUNDEX", "soundex"), Map.entry("COMPRESS", "compress"),
            Map.entry("UNCOMPRESS", "uncompress"), Map.entry("UNCOMPRESSED_LENGTH", "uncompressedLength"),
            Map.entry("PASSWORD", "password"), Map.entry("BENCHMARK", "benchmark"), Map.entry("GET_FORMAT", "getFormat"));

    /** Methods the translation calls that no MySQL name maps to. */
    static final java.util.List<String> INTERNAL = java.util.List.of("unsigned64", "castUnsigned", "unsignedArithmetic",
            "zeroDivisor", "groupConcatCutBytes", "groupConcatCut", "charBytes", "substringPosition",
            "xor", "likeBinary", "text", "octetLength", "regexp", "temporalNumber",
            "temporalFromNumber", "textDouble", "temporalText", "castSigned", "roundDouble", "intervalIndex",
            "bitAnd", "bitOr", "bitXor", "shiftLeft", "shiftRight", "bitNot", "setBits", "temporalCastText",
            "castDecimal", "castDouble", "unsignedDifference", "nonNegative", "concatBytes", "concatWsBytes", "bytesAsLatin1", "latin1AsBytes");

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

    /** HEX(col) of a column of {@code charset} (latin1, ascii): the bytes of its text in that set. */
    public static String hex(Value v, String charset) {
        if (v == ValueNull.INSTANCE) return null;
        io.minisqld.server.charset.MysqlCharset set = io.minisqld.server.charset.MysqlCharset.named(charset);
        if (set == null || binary(v) || !isText(v)) return hex(v);
        return UPPER.formatHex(set.encode(v.getString()));
    }

    private static boolean isText(Value v) {
        int type = v.getValueType();
        return type == Value.VARCHAR || type == Value.CHAR || type == Value.VARCHAR_IGNORECASE || type == Value.CLOB;
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

    /**
     * LPAD(str, len, padstr): {@code str} left-padded with repetitions of the whole {@code padstr}
     * to {@code len} characters, or cut to its first {@code len} ({@code LPAD('a', 5, 'xy')} is
     * xyxya; H2's LPAD pads with the first character only). NULL for a NULL argument, a negative
     * length, or an empty padstr with padding to do.
     */
    public static String lpad(Value str, Value len, Value pad) {
        return pad(str, len, pad, true);
    }

    /** RPAD(str, len, padstr), as {@link #lpad} on the right. */
    public static String rpad(Value str, Value len, Value pad) {
        return pad(str, len, pad, false);
    }

    private static String pad(Value str, Value len, Value pad, boolean left) {
        if (str == ValueNull.INSTANCE || len == ValueNull.INSTANCE || pad == ValueNull.INSTANCE) return null;
        long n = len.getLong();
        if (n < 0) return null;
        String s = str.getString();
        int chars = s.codePointCount(0, s.length());
        if (n <= chars) return s.substring(0, s.offsetByCodePoints(0, (int) n));
        String p = pad.getString();
        int padChars = p.codePointCount(0, p.length());
        if (padChars == 0) return null;
        long missing = n - chars;
        if (missing > 1L << 26) return null;
        StringBuilder fill = new StringBuilder();
        while (missing >= padChars) {
            fill.append(p);
            missing -= padChars;
        }
        fill.append(p, 0, p.offsetByCodePoints(0, (int) missing));
        return left ? fill + s : s + fill;
    }

    /**
     * UPPER(str), UCASE(str): each character's simple upper case, as MySQL's utf8mb4_general_ci
     * maps it, one character for one and whatever the JVM's locale ({@code UPPER('straße')} is
     * STRAßE; H2's, Java's full mapping, gave STRASSE); characters beyond the BMP stay as they are.
     */
    public static String upper(Value str) {
        if (str == ValueNull.INSTANCE) return null;
        return mapCase(str.getString(), true);
    }

    /** LOWER(str), LCASE(str): as {@link #upper}, to lower case ({@code LOWER('İ')} is i). */
    public static String lower(Value str) {
        if (str == ValueNull.INSTANCE) return null;
        return mapCase(str.getString(), false);
    }

    private static String mapCase(String s, boolean up) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) continue;
            char m = up ? Character.toUpperCase(c) : Character.toLowerCase(c);
            if (m != c) {
                if (out == null) out = s.toCharArray();
                out[i] = m;
            }
        }
        return out == null ? s : new String(out);
    }

    /**
     * LOCATE(substr, str): the position (in characters, from 1) of substr's first occurrence in
     * str, 0 when there is none; case-insensitive as the server's default collation compares
     * ({@code LOCATE('L', 'hello')} is 3; H2's was 0), by bytes when either is a binary string,
     * case counting when either is of a case-sensitive collation ({@link #caseSensitive}).
     */
    public static Long locate(Value substr, Value str) {
        return locate(substr, str, ValueInteger.get(1));
    }

    /** LOCATE(substr, str, pos): as {@link #locate(Value, Value)}, from position pos (0 when pos < 1). */
    public static Long locate(Value substr, Value str, Value pos) {
        if (substr == ValueNull.INSTANCE || str == ValueNull.INSTANCE || pos == ValueNull.INSTANCE) return null;
        long from = pos.getLong();
        if (binary(substr) || binary(str)) {
            byte[] needle = substr.getBytesNoCopy();
            byte[] hay = str.getBytesNoCopy();
            if (from < 1 || from > hay.length + 1L) return 0L;
            for (int i = (int) from - 1; i + needle.length <= hay.length; i++) {
                if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) return i + 1L;
            }
            return 0L;
        }
        boolean cased = caseSensitive(substr) || caseSensitive(str);
        String needle = cased ? substr.getString() : mapCase(substr.getString(), true);
        String hay = cased ? str.getString() : mapCase(str.getString(), true);
        int chars = hay.codePointCount(0, hay.length());
        if (from < 1 || from > chars + 1L) return 0L;
        int at = hay.indexOf(needle, hay.offsetByCodePoints(0, (int) from - 1));
        return at < 0 ? 0L : hay.codePointCount(0, at) + 1L;
    }

    /** INSTR(str, substr): LOCATE(substr, str). */
    public static Long instr(Value str, Value substr) {
        return locate(substr, str);
    }

    /**
     * Whether a value is text of a case-sensitive collation (a {@code _bin} column's, or {@code
     * COLLATE x_bin}'s): H2's VARCHAR_IGNORECASE ({@link PerThreadCollation}); MySQL compares two
     * strings under such a collation when either has it.
     */
    static boolean caseSensitive(Value v) {
        return v.getValueType() == Value.VARCHAR_IGNORECASE;
    }

    /** A date, datetime or time in arithmetic: its number ({@link ArithmeticOperands}). */
    public static java.math.BigDecimal temporalNumber(Value v, int fsp) {
        return ArithmeticOperands.number(v, fsp);
    }

    /**
     * The argument of {@code CAST(v AS DATE | DATETIME)}, {@code CONVERT(v, …)} and {@code DATE(v)}
     * ({@code kind} "date" or "datetime") as text the engine reads as that type, as MySQL reads it: a
     * number is YYYYMMDD[hhmmss] (or YYMMDD…: {@code 20240305} is 2024-03-05, which the engine
     * refused and DATE() made NULL); a string is a date with any punctuation between its parts
     * ({@code 2024/03/05}, {@code 2024-03-05T10:20:30}) and a date with a time is its date for DATE
     * (the engine refused both). What is none is NULL with a warning ({@link #noTemporal}).
     */
    public static String temporalCastText(Value v, String kind) {
        if (kind.equals("time")) return timeCastText(v);
        switch (v.getValueType()) {
            case Value.NULL:
                return null;
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT, Value.NUMERIC, Value.DECFLOAT:
                try {
                    return ArithmeticOperands.fromNumber(v.getBigDecimal(), kind, "");
                } catch (io.minisqld.server.error.SqlError notADate) {
                    return noTemporal(v.getString());
                }
            case Value.TIMESTAMP, Value.TIMESTAMP_TZ:
                return kind.equals("date") ? v.getString().substring(0, v.getString().indexOf(' ')) : v.getString();
            case Value.VARCHAR, Value.CHAR, Value.VARCHAR_IGNORECASE, Value.CLOB:
                return relaxedDatetime(v, kind);
            default:
                return v.getString();
        }
    }

    /** A date with a time of day, any punctuation between the date's parts: group 1 is the time. */
    private static final java.util.regex.Pattern DATE_AND_TIME = java.util.regex.Pattern.compile(
            "^\\d{2,4}[-/.:]\\d{1,2}[-/.:]\\d{1,2}[ T]+(\\d.*)$");

    /**
     * The argument of {@code CAST(v AS TIME)}: a datetime's time of day (the engine refused the
     * string {@code '2021-01-01 10:00:00'}, 1292), a number's [H]HHMMSS; other text as it is.
     */
    private static String timeCastText(Value v) {
        switch (v.getValueType()) {
            case Value.NULL:
                return null;
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT, Value.NUMERIC, Value.DECFLOAT:
                try {
                    return ArithmeticOperands.fromNumber(v.getBigDecimal(), "time", "");
                } catch (io.minisqld.server.error.SqlError notATime) {
                    return noTemporal(v.getString());
                }
            case Value.TIMESTAMP, Value.TIMESTAMP_TZ:
                return v.getString().substring(v.getString().indexOf(' ') + 1);
            default:
                String text = v.getString().strip();
                java.util.regex.Matcher m = DATE_AND_TIME.matcher(text);
                return m.matches() ? m.group(1) : text;
        }
    }

    /**
     * A string read as a date ({@link DateFunctions#read}) in the engine's text for {@code kind};
     * the text when only the engine reads it, else {@link #noTemporal}.
     */
    private static String relaxedDatetime(Value v, String kind) {
        java.time.LocalDateTime t = DateFunctions.read(v);
        if (t == null) {
            String text = v.getString();
            try {
                if (kind.equals("date")) org.h2.value.ValueDate.parse(text.strip());
                else org.h2.value.ValueTimestamp.parse(text.strip(), null);
                return text;
            } catch (RuntimeException unreadable) {
                return noTemporal(text);
            }
        }
        if (kind.equals("date")) return t.toLocalDate().toString();
        String time = t.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
        return t.toLocalDate() + " " + time + (t.getNano() == 0 ? "" : String.format(".%06d", t.getNano() / 1000));
    }

    /**
     * A CAST of what is no date or time: NULL with warning 1292 "Incorrect datetime value: 'x'",
     * an error in a writing statement, as MySQL's (the engine's cast failed in a query too).
     */
    private static String noTemporal(String text) {
        RuntimeWarnings.warn(io.minisqld.server.error.ErrorCode.ER_INCORRECT_TEMPORAL_ARGUMENT.error("datetime", text));
        return null;
    }

    /** A temporal number stored into a temporal column: its value there ({@link ArithmeticOperands}). */
    public static String temporalFromNumber(java.math.BigDecimal n, String kind, String column) {
        return ArithmeticOperands.fromNumber(n, kind, column);
    }

    private static final java.math.BigInteger TWO_64 = java.math.BigInteger.ONE.shiftLeft(64);

    /**
     * MySQL's {@code CAST(v AS SIGNED)} (and the 64 bits {@code AS UNSIGNED} reads unsigned): a
     * string is the integer it starts with, after spaces and a sign ({@code '12abc'} 12,
     * {@code '3.7'} 3, {@code '1e3'} 1, {@code 'abc'} 0; past 2^64 - 1 that, and a positive value
     * past 2^63 - 1 its negative complement, as MySQL's); a binary string alike; a DOUBLE rounded to
     * the nearest even ({@code 2.5e0} 2); an exact number half away from zero (a BIGINT UNSIGNED's
     * 64 bits kept); a date or time its
     * number ({@code 20240102}); others their integer. The engine's CAST refused such strings and
     * dates (1105 "Data conversion error").
     */
    public static Long castSigned(Value v) {
        return switch (v.getValueType()) {
            case Value.NULL -> null;
            case Value.VARCHAR, Value.CHAR, Value.CLOB, Value.VARCHAR_IGNORECASE, Value.JSON,
                 Value.VARBINARY, Value.BINARY, Value.BLOB -> leadingInteger(castText(v));
            case Value.REAL, Value.DOUBLE -> {
                double d = Math.rint(v.getDouble());
                yield d >= 0x1p63 ? Long.MAX_VALUE : d < -0x1p63 ? Long.MIN_VALUE : (long) d;
            }
            case Value.NUMERIC, Value.DECFLOAT -> clamped(v.getBigDecimal().setScale(0, java.math.RoundingMode.HALF_UP));
            case Value.DATE, Value.TIME, Value.TIMESTAMP, Value.TIMESTAMP_TZ ->
                    clamped(ArithmeticOperands.number(v, 0).setScale(0, java.math.RoundingMode.HALF_UP));
            case Value.BOOLEAN -> v.getBoolean() ? 1L : 0L;
            default -> v.getLong();
        };
    }

    /**
     * {@code a - b} where one side is an UNSIGNED integer column: MySQL's unsigned result, 1690
     * "BIGINT UNSIGNED value is out of range in '{@code expression}'" below zero.
     */
    public static Long unsignedDifference(Long a, Long b, String expression) {
        if (a == null || b == null) return null;
        long d;
        try {
            d = Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            d = -1;
        }
        if (d < 0) throw ErrorCode.ER_DATA_OUT_OF_RANGE.error("BIGINT UNSIGNED", expression);
        return d;
    }

    /**
     * {@code a op b} (op {@code + - *}) where one side is a BIGINT UNSIGNED column: MySQL's unsigned
     * result, 1690 "BIGINT UNSIGNED value is out of range in '{@code expression}'" outside
     * 0 … 2^64 − 1 (the engine's NUMERIC went past 64 bits and below zero).
     */
    public static java.math.BigDecimal unsignedArithmetic(java.math.BigDecimal a, java.math.BigDecimal b, String op,
                                                          String expression) {
        if (a == null || b == null) return null;
        java.math.BigDecimal r = switch (op) {
            case "+" -> a.add(b);
            case "-" -> a.subtract(b);
            default -> a.multiply(b);
        };
        if (r.signum() < 0 || r.compareTo(MAX_UNSIGNED) > 0) {
            throw ErrorCode.ER_DATA_OUT_OF_RANGE.error("BIGINT UNSIGNED", expression);
        }
        return r;
    }

    /** A remainder by zero outside a change: NULL with MySQL's warning 1365 "Division by 0" ({@link Operators}). */
    public static Long zeroDivisor() {
        return H2Functions.divisionByZero();
    }

    /** A string's or binary string's text, its bytes read one character each. */
    private static String castText(Value v) {
        return switch (v.getValueType()) {
            case Value.VARBINARY, Value.BINARY, Value.BLOB ->
                    new String(v.getBytesNoCopy(), java.nio.charset.StandardCharsets.ISO_8859_1);
            default -> v.getString();
        };
    }

    /**
     * The number a text starts with, as written ("0" when it has none); warning 1292 "Truncated
     * incorrect {@code type} value" when it has none or more than blanks follow it.
     */
    private static String leadingNumber(String text, String type) {
        java.util.regex.Matcher m = StringOperands.NUMBER.matcher(text);
        boolean found = m.find();
        if (!found || !text.substring(m.end()).isBlank()) {
            RuntimeWarnings.warn(ErrorCode.ER_TRUNCATED_WRONG_VALUE.error(type, text));
        }
        return found ? m.group(1) : "0";
    }

    /** A number's text as a decimal; one with an exponent of five digits or more is 0 or beyond any DECIMAL. */
    private static java.math.BigDecimal decimal(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e >= 0 && number.substring(e + 1).replaceFirst("^[+-]?0*", "").length() > 4) {
            int sign = new java.math.BigDecimal(number.substring(0, e)).signum();
            if (sign == 0 || number.charAt(e + 1) == '-') return java.math.BigDecimal.ZERO;
            return sign < 0 ? BEYOND.negate() : BEYOND;
        }
        return new java.math.BigDecimal(number);
    }

    /** Beyond any DECIMAL(65). */
    private static final java.math.BigDecimal BEYOND = java.math.BigDecimal.TEN.pow(66);

    /**
     * {@code CAST(v AS DECIMAL(precision, scale))} as MySQL converts: a string or binary string is
     * the number it starts with ({@link #leadingNumber}, warning 1292), a date, datetime or time its
     * number (20200102), a double its shortest decimal text; rounded half away from zero to
     * {@code scale} digits, and beyond the type's range its largest value of that sign with warning
     * 1264 "Out of range value for column '{@code expression}' at row 1".
     */
    public static java.math.BigDecimal castDecimal(Value v, int precision, int scale, String expression) {
        java.math.BigDecimal n = switch (v.getValueType()) {
            case Value.NULL -> null;
            case Value.VARCHAR, Value.CHAR, Value.CLOB, Value.VARCHAR_IGNORECASE, Value.JSON,
                 Value.VARBINARY, Value.BINARY, Value.BLOB -> decimal(leadingNumber(castText(v), "DECIMAL"));
            case Value.DATE, Value.TIME, Value.TIMESTAMP, Value.TIMESTAMP_TZ -> ArithmeticOperands.number(v, -1);
            case Value.BOOLEAN -> v.getBoolean() ? java.math.BigDecimal.ONE : java.math.BigDecimal.ZERO;
            case Value.REAL, Value.DOUBLE -> java.math.BigDecimal.valueOf(v.getDouble());
            default -> v.getBigDecimal();
        };
        if (n == null) return null;
        n = n.setScale(scale, java.math.RoundingMode.HALF_UP);
        java.math.BigDecimal max = java.math.BigDecimal.TEN.pow(precision - scale)
                .subtract(java.math.BigDecimal.ONE.movePointLeft(scale));
        if (n.abs().compareTo(max) > 0) {
            RuntimeWarnings.warn(ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(expression, RowLogTrigger.currentRow()));
            return n.signum() > 0 ? max : max.negate();
        }
        return n;
    }

    /**
     * {@code CAST(v AS DOUBLE)} (MariaDB's and MySQL 8's): a string or binary string is the number
     * it starts with (warning 1292 "Truncated incorrect DOUBLE value"), a date, datetime or time its
     * number; a number beyond DOUBLE's range its largest value.
     */
    public static Double castDouble(Value v) {
        return switch (v.getValueType()) {
            case Value.NULL -> null;
            case Value.VARCHAR, Value.CHAR, Value.CLOB, Value.VARCHAR_IGNORECASE, Value.JSON,
                 Value.VARBINARY, Value.BINARY, Value.BLOB -> {
                double d = Double.parseDouble(leadingNumber(castText(v), "DOUBLE"));
                yield Double.isInfinite(d) ? Math.copySign(Double.MAX_VALUE, d) : d == 0 ? 0.0 : d;
            }
            case Value.DATE, Value.TIME, Value.TIMESTAMP, Value.TIMESTAMP_TZ ->
                    ArithmeticOperands.number(v, -1).doubleValue();
            case Value.BOOLEAN -> v.getBoolean() ? 1.0 : 0.0;
            default -> v.getDouble();
        };
    }

    /*
     * MySQL's bitwise operators work on 64-bit unsigned integers: each operand is read as CAST(… AS
     * SIGNED) reads it (its 64 bits), the result is a BIGINT UNSIGNED ({@code 1 << 63} is
     * 9223372036854775808, {@code 18446744073709551615 | 0} itself). The engine's BITAND and
     * LSHIFT kept an INTEGER operand's 32 bits and refused one beyond a BIGINT.
     */

    /** {@code a & b}. */
    public static java.math.BigDecimal bitAnd(Value a, Value b) {
        Long x = castSigned(a);
        Long y = castSigned(b);
        return x == null || y == null ? null : unsigned(x & y);
    }

    /** {@code a | b}. */
    public static java.math.BigDecimal bitOr(Value a, Value b) {
        Long x = castSigned(a);
        Long y = castSigned(b);
        return x == null || y == null ? null : unsigned(x | y);
    }

    /** {@code a ^ b}. */
    public static java.math.BigDecimal bitXor(Value a, Value b) {
        Long x = castSigned(a);
        Long y = castSigned(b);
        return x == null || y == null ? null : unsigned(x ^ y);
    }

    /** {@code a << n}: 0 once n reaches 64 (n read unsigned). */
    public static java.math.BigDecimal shiftLeft(Value a, Value n) {
        Long x = castSigned(a);
        Long by = castSigned(n);
        if (x == null || by == null) return null;
        return unsigned(Long.compareUnsigned(by, 64) >= 0 ? 0 : x << by);
    }

    /** {@code a >> n}: the unsigned shift, 0 once n reaches 64. */
    public static java.math.BigDecimal shiftRight(Value a, Value n) {
        Long x = castSigned(a);
        Long by = castSigned(n);
        if (x == null || by == null) return null;
        return unsigned(Long.compareUnsigned(by, 64) >= 0 ? 0 : x >>> by);
    }

    /** {@code ~a}. */
    public static java.math.BigDecimal bitNot(Value a) {
        Long x = castSigned(a);
        return x == null ? null : unsigned(~x);
    }

    /** A SET value's number: bit i for its column's member i ({@code members}, comma-separated). */
    public static Long setBits(Value v, Value members) {
        if (v == ValueNull.INSTANCE) return null;
        String value = v.getString();
        if (value.isEmpty()) return 0L;
        java.util.List<String> declared = java.util.Arrays.asList(members.getString().split(",", -1));
        long bits = 0;
        for (String m : value.split(",", -1)) {
            int i = declared.indexOf(m);
            if (i < 0) {
                for (int k = 0; k < declared.size() && i < 0; k++) if (declared.get(k).equalsIgnoreCase(m)) i = k;
            }
            if (i >= 0) bits |= 1L << i;
        }
        return bits;
    }

    private static java.math.BigDecimal unsigned(long bits) {
        return bits >= 0 ? java.math.BigDecimal.valueOf(bits) : new java.math.BigDecimal(Long.toUnsignedString(bits));
    }

    /** ROUND(x) of a DOUBLE: {@link #roundDouble(Value, Value)} to no decimals. */
    public static Double roundDouble(Value x) {
        return roundDouble(x, ValueInteger.get(0));
    }

    /**
     * ROUND(x, d) of a DOUBLE as MySQL's: x scaled by 10^d, rounded half to even (the C library's
     * rint: {@code ROUND(2.5e0)} is 2, {@code ROUND(3.5e0)} 4), scaled back; a negative d rounds
     * left of the point. The engine rounded half up.
     */
    public static Double roundDouble(Value x, Value d) {
        if (x == ValueNull.INSTANCE || d == ValueNull.INSTANCE) return null;
        double value = H2Functions.asDouble(x);
        long places = d.getLong();
        double scale = Math.pow(10.0, Math.abs((double) places));
        if (places < 0) return Double.isInfinite(scale) ? 0.0 : Math.rint(value / scale) * scale;
        double scaled = value * scale;
        return Double.isInfinite(scaled) ? value : Math.rint(scaled) / scale;
    }

    /** An integral number's 64 bits: 2^63 … 2^64 - 1 (a BIGINT UNSIGNED's) read signed, beyond that the limits. */
    private static Long clamped(java.math.BigDecimal n) {
        java.math.BigInteger i = n.toBigInteger();
        if (i.compareTo(TWO_64) >= 0) return -1L;
        if (i.bitLength() > 63 && i.signum() < 0) return Long.MIN_VALUE;
        return i.longValue();
    }

    /**
     * The integer a string starts with, as MySQL's string-to-integer conversion reads it, with
     * warning 1292 "Truncated incorrect INTEGER value" when more than blanks follow it, it has none
     * or it is beyond 64 bits.
     */
    private static long leadingInteger(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) negative = text.charAt(i++) == '-';
        java.math.BigInteger value = java.math.BigInteger.ZERO;
        int start = i;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
        if (i > start) value = new java.math.BigInteger(text.substring(start, i));
        boolean beyond = negative ? value.compareTo(java.math.BigInteger.ONE.shiftLeft(63)) > 0
                : value.compareTo(TWO_64) >= 0;
        if (i == start || !text.substring(i).isBlank() || beyond) {
            RuntimeWarnings.warn(ErrorCode.ER_TRUNCATED_WRONG_VALUE.error("INTEGER", text));
        }
        if (negative) {
            return value.compareTo(java.math.BigInteger.ONE.shiftLeft(63)) >= 0 ? Long.MIN_VALUE : -value.longValue();
        }
        // past 2^64 - 1: that; the 64 bits are read signed (2^64 - 1 is -1)
        return value.compareTo(TWO_64) >= 0 ? -1L : value.longValue();
    }

    /** A text column's value compared with a number: the DOUBLE MySQL reads it as ({@link NumericComparisons}). */
    public static Double textDouble(Value v) {
        return v == ValueNull.INSTANCE ? null : StringOperands.leadingNumber(v.getString());
    }

    /** The patterns a thread used last, by pattern and flags: a scan matches each row against one. */
    private static final ThreadLocal<java.util.Map<String, java.util.regex.Pattern>> PATTERNS =
            ThreadLocal.withInitial(() -> new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, java.util.regex.Pattern> eldest) {
                    return size() > 16;
                }
            });

    /**
     * {@code str REGEXP pattern}: whether the pattern matches somewhere in str; ignoring case, as
     * MySQL's text compares, unless either is a binary string or of a case-sensitive collation;
     * NULL for a NULL argument; 1139 for a pattern that is no regular expression.
     */
    public static Boolean regexp(Value str, Value pattern) {
        if (str == ValueNull.INSTANCE || pattern == ValueNull.INSTANCE) return null;
        boolean cased = binary(str) || binary(pattern) || caseSensitive(str) || caseSensitive(pattern);
        String p = pattern.getString();
        java.util.Map<String, java.util.regex.Pattern> cache = PATTERNS.get();
        String key = (cased ? "c" : "i") + p;
        java.util.regex.Pattern compiled = cache.get(key);
        if (compiled == null) {
            try {
                compiled = java.util.regex.Pattern.compile(p, cased ? 0
                        : java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw ErrorCode.ER_REGEXP_ERROR.error(e.getDescription());
            }
            cache.put(key, compiled);
        }
        return compiled.matcher(str.getString()).find();
    }

    private static boolean binary(Value v) {
        int t = v.getValueType();
        return t == Value.VARBINARY || t == Value.BINARY || t == Value.BLOB;
    }

    /**
     * ASCII(str): the leftmost byte (of text in utf8mb4: {@code ASCII('é')} is 195), 0 for an
     * empty string (H2's gave NULL, and the character's code).
     */
    public static Long ascii(Value str) {
        if (str == ValueNull.INSTANCE) return null;
        byte[] b = binary(str) ? str.getBytesNoCopy() : str.getString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return b.length == 0 ? 0L : (long) (b[0] & 0xFF);
    }

    /**
     * CONCAT_WS(separator, str, …): the non-NULL strings joined by the separator; NULL when the
     * separator is NULL (H2's took a NULL separator for an empty one, and refused one string with
     * 1064). A DOUBLE is written as MySQL writes it (1e0 is 1, not 1.0), a comparison as 1 or 0.
     */
    public static String concatWs(Value separator, Value... strings) {
        if (separator == ValueNull.INSTANCE) return null;
        String sep = text(separator);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Value v : strings) {
            if (v == ValueNull.INSTANCE) continue;
            if (!first) out.append(sep);
            out.append(text(v));
            first = false;
        }
        return out.toString();
    }

    /**
     * CONCAT with a binary string among its arguments: MySQL's result is a binary string, its bytes
     * kept and the other arguments' text as their bytes ({@code CONCAT(0x00FF, 'z')} is 00 FF 7A);
     * the engine made text of the bytes (FF came back as the three bytes of U+FFFD). NULL when an
     * argument is.
     */
    public static byte[] concatBytes(Value... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Value v : parts) {
            if (v == ValueNull.INSTANCE) return null;
            out.writeBytes(bytesOf(v));
        }
        return out.toByteArray();
    }

    /** CONCAT_WS with a binary string among its arguments, as {@link #concatBytes}; NULLs skipped. */
    public static byte[] concatWsBytes(Value separator, Value... parts) {
        if (separator == ValueNull.INSTANCE) return null;
        byte[] sep = bytesOf(separator);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean first = true;
        for (Value v : parts) {
            if (v == ValueNull.INSTANCE) continue;
            if (!first) out.writeBytes(sep);
            out.writeBytes(bytesOf(v));
            first = false;
        }
        return out.toByteArray();
    }

    /**
     * A value's bytes ({@link #bytesOf}) as text of one character per byte (ISO-8859-1), so that a
     * string function works on a binary string byte by byte ({@link BinaryComparisons}); {@link
     * #latin1AsBytes} turns its result back into the bytes.
     */
    public static String bytesAsLatin1(Value v) {
        return v == ValueNull.INSTANCE ? null : new String(bytesOf(v), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The bytes {@link #bytesAsLatin1} made text of: a binary string. */
    public static byte[] latin1AsBytes(Value v) {
        return v == ValueNull.INSTANCE ? null : v.getString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A value's bytes in a binary string: a binary string's own, another's text in UTF-8. */
    private static byte[] bytesOf(Value v) {
        int type = v.getValueType();
        return type == Value.VARBINARY || type == Value.BINARY || type == Value.BLOB ? v.getBytes()
                : text(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** MAKE_SET(bits, str1, str2, …): the strings whose bit is set, NULLs left out, joined by commas. */
    public static String makeSet(Value bits, Value... strings) {
        if (bits == ValueNull.INSTANCE) return null;
        long b = bits.getLong();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < strings.length && i < 64; i++) {
            if ((b >>> i & 1) == 0 || strings[i] == ValueNull.INSTANCE) continue;
            if (out.length() > 0) out.append(',');
            out.append(text(strings[i]));
        }
        return out.toString();
    }

    /** EXPORT_SET(bits, on, off): {@link #exportSet(Value, Value, Value, Value, Value)} with ',' and 64 bits. */
    public static String exportSet(Value bits, Value on, Value off) {
        return exportSet(bits, on, off, org.h2.value.ValueVarchar.get(","), ValueInteger.get(64));
    }

    public static String exportSet(Value bits, Value on, Value off, Value separator) {
        return exportSet(bits, on, off, separator, ValueInteger.get(64));
    }

    /**
     * EXPORT_SET(bits, on, off, separator, number_of_bits): for each bit from the lowest, on or
     * off, joined by the separator; at most 64 bits.
     */
    public static String exportSet(Value bits, Value on, Value off, Value separator, Value count) {
        if (bits == ValueNull.INSTANCE || on == ValueNull.INSTANCE || off == ValueNull.INSTANCE
                || separator == ValueNull.INSTANCE || count == ValueNull.INSTANCE) {
            return null;
        }
        long b = bits.getLong();
        long n = count.getLong();
        int bitsShown = n < 0 || n > 64 ? 64 : (int) n;
        String yes = text(on);
        String no = text(off);
        String sep = text(separator);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bitsShown; i++) {
            if (i > 0) out.append(sep);
            out.append((b >>> i & 1) != 0 ? yes : no);
        }
        return out.toString();
    }

    /** Soundex codes of A … Z ('0' for the letters that are skipped). */
    private static final String SOUNDEX_CODES = "01230120022455012623010202";

    /**
     * SOUNDEX(str): the first letter, then the codes of the letters after it, a code repeated
     * after the same code (or after a skipped letter that followed it) left out, at least four
     * characters (H2's kept four: 'Quadratically' is Q36324, not Q363). Letters outside A … Z
     * other than the first are skipped.
     */
    public static String soundex(Value str) {
        if (str == ValueNull.INSTANCE) return null;
        String s = str.getString();
        StringBuilder out = new StringBuilder();
        char last = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetter(c)) continue;
            char upper = Character.toUpperCase(c);
            char code = upper >= 'A' && upper <= 'Z' ? SOUNDEX_CODES.charAt(upper - 'A') : '0';
            if (out.length() == 0) {
                out.append(upper);
                last = code;
            } else if (code != '0' && code != last) {
                out.append(code);
                last = code;
            }
        }
        if (out.length() == 0) return "";
        while (out.length() < 4) out.append('0');
        return out.toString();
    }

    /**
     * {@code a XOR b}: NULL when either is NULL, else whether exactly one of them is true (H2 has
     * no logical XOR; MySQL's is 1 or 0).
     */
    public static Boolean xor(Value a, Value b) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        return truth(a) != truth(b);
    }

    /**
     * {@code s LIKE BINARY pattern}: {@code %} any bytes, {@code _} one byte, the escape character
     * (a backslash unless ESCAPE names another) takes the
     * next byte as it is; bytes compared as they are (text as its UTF-8 bytes).
     */
    public static Boolean likeBinary(Value s, Value pattern, Value escape) {
        if (s == ValueNull.INSTANCE || pattern == ValueNull.INSTANCE) return null;
        byte[] e = escape == ValueNull.INSTANCE ? new byte[0] : bytes(escape);
        return likeBytes(bytes(s), 0, bytes(pattern), 0, e.length == 0 ? -1 : e[0]);
    }

    private static boolean likeBytes(byte[] s, int i, byte[] p, int j, int escape) {
        while (j < p.length) {
            byte c = p[j];
            if (c == '%') {
                while (j < p.length && p[j] == '%') j++;
                if (j == p.length) return true;
                for (int k = i; k <= s.length; k++) {
                    if (likeBytes(s, k, p, j, escape)) return true;
                }
                return false;
            }
            if (i >= s.length) return false;
            if (c == escape && j + 1 < p.length) {
                j++;
                if (s[i] != p[j]) return false;
            } else if (c != '_' && s[i] != c) {
                return false;
            }
            i++;
            j++;
        }
        return i == s.length;
    }

    /**
     * A value as MySQL reads it as a condition: a number is true when not 0, a string by the
     * number it starts with ({@code '0'} and {@code 'abc'} are false, {@code '2x'} true).
     */
    static boolean truth(Value v) {
        return switch (v.getValueType()) {
            case Value.BOOLEAN -> v.getBoolean();
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT -> v.getLong() != 0;
            case Value.REAL, Value.DOUBLE -> v.getDouble() != 0;
            case Value.NUMERIC, Value.DECFLOAT -> v.getBigDecimal().signum() != 0;
            case Value.VARBINARY, Value.BINARY, Value.BLOB ->
                    StringOperands.leadingNumber(new String(v.getBytesNoCopy(), java.nio.charset.StandardCharsets.UTF_8)) != 0;
            case Value.VARCHAR, Value.CHAR, Value.CLOB, Value.VARCHAR_IGNORECASE, Value.ENUM, Value.JSON ->
                    StringOperands.leadingNumber(v.getString()) != 0;
            default -> true;
        };
    }

    /**
     * LENGTH(str): its bytes, a binary string's own, text's in UTF-8, a number's or a time's as
     * MySQL writes it ({@code LENGTH(12.5)} is 4; the engine's OCTET_LENGTH refused numbers and
     * times, 1105).
     */
    public static Long octetLength(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        if (binary(v)) return (long) v.getBytesNoCopy().length;
        return (long) text(v).getBytes(StandardCharsets.UTF_8).length;
    }

    /** LENGTH(col) of a column of {@code charset} (latin1, ascii): its text's bytes in that set. */
    public static Long octetLength(Value v, String charset) {
        if (v == ValueNull.INSTANCE) return null;
        io.minisqld.server.charset.MysqlCharset set = io.minisqld.server.charset.MysqlCharset.named(charset);
        if (set == null || binary(v) || !isText(v)) return octetLength(v);
        return (long) set.encode(v.getString()).length;
    }

    /** A value as MySQL writes it into a string (a DOUBLE 1 as 1, a truth as 1 or 0). */
    public static String text(Value v) {
        return switch (v.getValueType()) {
            case Value.DOUBLE -> H2Results.formatDouble(v.getDouble());
            case Value.REAL -> H2Results.formatFloat(v.getFloat());
            case Value.BOOLEAN -> v.getBoolean() ? "1" : "0";
            default -> v.getString();
        };
    }

    /**
     * A DATETIME, TIMESTAMP or TIME value of a column of {@code fsp} fractional digits made text as
     * MySQL writes it, every digit shown ({@code 2020-01-01 00:00:00.120}); the engine's text drops
     * the fraction's trailing zeros ({@code .12}, none for {@code .000}).
     */
    public static String temporalText(Value v, int fsp) {
        if (v == ValueNull.INSTANCE) return null;
        String s = v.getString();
        int dot = s.lastIndexOf('.');
        int have = dot < 0 ? 0 : s.length() - dot - 1;
        if (have >= fsp) return s;
        StringBuilder b = new StringBuilder(s);
        if (dot < 0) b.append('.');
        for (int i = have; i < fsp; i++) b.append('0');
        return b.toString();
    }

    /**
     * SUBSTRING's position as the engine reads MySQL's: 0, which MySQL takes for a position before
     * the string (the result is ''), becomes one past any string; others stay.
     */
    public static Long substringPosition(Value pos) {
        if (pos == ValueNull.INSTANCE) return null;
        long p = pos.getLong();
        return p == 0 ? Integer.MAX_VALUE : p;
    }

    /** n, or 0 for a negative n: LEFT's length as SUBSTRING's ({@link MySqlToH2}); NULL for NULL. */
    public static Long nonNegative(Value n) {
        if (n == ValueNull.INSTANCE) return null;
        return Math.max(0L, n.getLong());
    }

    /** REVERSE(str): the characters in reverse order. */
    public static String reverse(Value str) {
        if (str == ValueNull.INSTANCE) return null;
        return new StringBuilder(str.getString()).reverse().toString();
    }

    /**
     * ORD(str): the leftmost character's code, a multibyte one as its bytes in utf8mb4 read as a
     * number ({@code ORD('é')} is 0xC3A9, 50089); 0 for an empty string.
     */
    public static Long ord(Value str) {
        if (str == ValueNull.INSTANCE) return null;
        String s = str.getString();
        if (s.isEmpty()) return 0L;
        long n = 0;
        for (byte b : new String(Character.toChars(s.codePointAt(0))).getBytes(StandardCharsets.UTF_8)) {
            n = n * 256 + (b & 0xFF);
        }
        return n;
    }

    /**
     * QUOTE(str): the string as a quoted SQL literal (backslash, single quote, NUL and Control+Z
     * escaped with a backslash); the word NULL for NULL.
     */
    public static String quote(Value str) {
        if (str == ValueNull.INSTANCE) return "NULL";
        String s = str.getString();
        StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '\'' -> out.append('\\').append(c);
                case '\0' -> out.append("\\0");
                case '\u001A' -> out.append("\\Z");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /**
     * CHAR_LENGTH(str) / CHARACTER_LENGTH(str): its characters, one for a character past U+FFFF
     * (H2 counted its two UTF-16 units); a binary string's bytes.
     */
    public static Long charLength(Value str) {
        if (str == ValueNull.INSTANCE) return null;
        if (binary(str)) return (long) str.getBytesNoCopy().length;
        String s = str.getString();
        return (long) s.codePointCount(0, s.length());
    }

    /** BIN(n): CONV(n, 10, 2). */
    public static String bin(Value n) {
        return conv(n, ValueInteger.get(10), ValueInteger.get(2));
    }

    /** OCT(n): CONV(n, 10, 8). */
    public static String oct(Value n) {
        return conv(n, ValueInteger.get(10), ValueInteger.get(8));
    }

    /** POW(x, y): POWER's synonym, a DOUBLE. */
    public static Double pow(Value x, Value y) {
        if (x == ValueNull.INSTANCE || y == ValueNull.INSTANCE) return null;
        return Math.pow(x.getDouble(), y.getDouble());
    }

    /** LOG2(x): the base-2 logarithm, NULL for x &lt;= 0 (MySQL's, with a warning there). */
    public static Double log2(Value x) {
        if (x == ValueNull.INSTANCE || x.getDouble() <= 0) return null;
        return Math.log(x.getDouble()) / Math.log(2);
    }

    /**
     * INTERVAL(N, N1, N2, …): how many of N1, N2, … (in ascending order, as MySQL asks) are not
     * above N: 0 when N < N1; -1 when N is NULL.
     */
    public static Long intervalIndex(Value... args) {
        if (args.length == 0 || args[0] == ValueNull.INSTANCE) return -1L;
        double n = args[0].getDouble();
        long index = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i] != ValueNull.INSTANCE && args[i].getDouble() > n) break;
            index = i;
        }
        return index;
    }

    /** ACOS(x): NULL outside -1 … 1, as MySQL's (the engine's was 1105 "Invalid value"). */
    public static Double acos(Value x) {
        if (x == ValueNull.INSTANCE || Math.abs(x.getDouble()) > 1) return null;
        return Math.acos(x.getDouble());
    }

    /** ASIN(x): NULL outside -1 … 1, as MySQL's. */
    public static Double asin(Value x) {
        if (x == ValueNull.INSTANCE || Math.abs(x.getDouble()) > 1) return null;
        return Math.asin(x.getDouble());
    }

    /** LN(x): NULL for x ≤ 0, as MySQL's (the engine's was 1105). */
    public static Double ln(Value x) {
        if (x == ValueNull.INSTANCE || x.getDouble() <= 0) return null;
        return Math.log(x.getDouble());
    }

    /** LOG(x) is LN(x). */
    public static Double log(Value x) {
        return ln(x);
    }

    /** LOG(b, x): the logarithm of x to base b; NULL for x ≤ 0, b ≤ 0 or b = 1, as MySQL's. */
    public static Double log(Value b, Value x) {
        if (b == ValueNull.INSTANCE || x == ValueNull.INSTANCE || x.getDouble() <= 0 || b.getDouble() <= 0
                || b.getDouble() == 1) {
            return null;
        }
        return Math.log(x.getDouble()) / Math.log(b.getDouble());
    }

    /** LOG10(x): NULL for x ≤ 0, as MySQL's. */
    public static Double log10(Value x) {
        if (x == ValueNull.INSTANCE || x.getDouble() <= 0) return null;
        return Math.log10(x.getDouble());
    }

    /** SQRT(x): NULL for x < 0, as MySQL's. */
    public static Double sqrt(Value x) {
        if (x == ValueNull.INSTANCE || x.getDouble() < 0) return null;
        return Math.sqrt(x.getDouble());
    }

    /**
     * CHAR(n, …) of several codes: each code's bytes (a code above 255 as its big-endian bytes
     * without leading zeros), a binary string; NULLs are skipped. (H2's CHAR takes one code.)
     */
    public static byte[] charBytes(Value... codes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Value v : codes) {
            if (v == ValueNull.INSTANCE) continue;
            long n = code(v) & 0xFFFF_FFFFL;
            boolean started = false;
            for (int shift = 24; shift >= 0; shift -= 8) {
                int b = (int) (n >>> shift) & 0xFF;
                if (b != 0 || started || shift == 0) {
                    out.write(b);
                    started = true;
                }
            }
        }
        return out.toByteArray();
    }

    /** A code as MySQL reads it: a number rounded, a string's leading number truncated (0 if none). */
    private static long code(Value v) {
        if (!org.h2.value.DataType.isCharacterStringType(v.getValueType())) {
            return v.getBigDecimal().setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(v.getString());
        return m.find() ? new BigInteger(m.group(1)).longValue() : 0;
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

    /**
     * SUBSTRING_INDEX(str, delim, count): what precedes the count-th delimiter from the left, or
     * with a negative count what follows the count-th from the right; the whole string when there
     * are fewer; '' for a count of 0.
     */
    public static String substringIndex(Value str, Value delim, Value count) {
        if (str == ValueNull.INSTANCE || delim == ValueNull.INSTANCE || count == ValueNull.INSTANCE) return null;
        String s = str.getString();
        String d = delim.getString();
        long n = count.getLong();
        if (n == 0 || d.isEmpty()) return "";
        if (n > 0) {
            int at = -1;
            for (long k = 0; k < n; k++) {
                at = s.indexOf(d, at + (k == 0 ? 1 : d.length()));
                if (at < 0) return s;
            }
            return s.substring(0, at);
        }
        int at = s.length();
        for (long k = 0; k < -n; k++) {
            at = s.lastIndexOf(d, at - (k == 0 ? d.length() : d.length()));
            if (at < 0) return s;
        }
        return s.substring(at + d.length());
    }

    /** FIND_IN_SET(str, list): the 1-based place of str among list's comma-separated items, as utf8mb4_general_ci compares; 0 if absent. */
    public static Long findInSet(Value str, Value list) {
        if (str == ValueNull.INSTANCE || list == ValueNull.INSTANCE) return null;
        String s = str.getString();
        if (s.indexOf(',') >= 0) return 0L;
        String[] items = list.getString().split(",", -1);
        if (list.getString().isEmpty()) return 0L;
        boolean cased = caseSensitive(str) || caseSensitive(list);
        for (int i = 0; i < items.length; i++) {
            if (GeneralCiCollation.compare(items[i], s, !cased) == 0) return (long) i + 1;
        }
        return 0L;
    }

    /**
     * FIELD(str, s1, s2, …): the 1-based place of str in the list, 0 if absent or NULL; strings
     * compare as utf8mb4_general_ci ({@link GeneralCiCollation}), numbers by value when every
     * argument is a number.
     */
    public static long field(Value str, Value... list) {
        if (str == ValueNull.INSTANCE) return 0;
        boolean numeric = isNumber(str);
        for (Value v : list) numeric &= v == ValueNull.INSTANCE || isNumber(v);
        boolean cased = caseSensitive(str);
        for (Value v : list) cased |= caseSensitive(v);
        for (int i = 0; i < list.length; i++) {
            Value v = list[i];
            if (v == ValueNull.INSTANCE) continue;
            boolean same = numeric ? str.getBigDecimal().compareTo(v.getBigDecimal()) == 0
                    : GeneralCiCollation.compare(str.getString(), v.getString(), !cased) == 0;
            if (same) return i + 1;
        }
        return 0;
    }

    /** ISNULL(expr): 1 when expr is NULL, else 0 (H2 has no such function; IS NULL gives a boolean). */
    /**
     * STRCMP(a, b): -1, 0 or 1 as a sorts before, with or after b in utf8mb4_general_ci (a
     * {@code _bin} collation's by code point); NULL for a NULL argument.
     */
    public static Integer strcmp(Value a, Value b) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        return Integer.signum(GeneralCiCollation.compare(a.getString(), b.getString(),
                !(caseSensitive(a) || caseSensitive(b))));
    }

    /** GTID_SUBSET(set1, set2): 1 when every GTID of set1 is in set2, else 0; NULL for NULL; 1772 for a malformed set. */
    public static Long gtidSubset(Value set1, Value set2) {
        if (set1 == ValueNull.INSTANCE || set2 == ValueNull.INSTANCE) return null;
        return io.minisqld.server.gtid.GtidSet.parse(set1.getString())
                .subsetOf(io.minisqld.server.gtid.GtidSet.parse(set2.getString())) ? 1L : 0L;
    }

    /** GTID_SUBTRACT(set1, set2): set1's GTIDs not in set2, in MySQL's text form; NULL for NULL; 1772 for a malformed set. */
    public static String gtidSubtract(Value set1, Value set2) {
        if (set1 == ValueNull.INSTANCE || set2 == ValueNull.INSTANCE) return null;
        return io.minisqld.server.gtid.GtidSet.parse(set1.getString())
                .minus(io.minisqld.server.gtid.GtidSet.parse(set2.getString())).toString();
    }

    /** BIT_COUNT(n): the bits set in n as a 64-bit integer; NULL for NULL. */
    public static Long bitCount(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        if (v.getValueType() == Value.VARBINARY || v.getValueType() == Value.BINARY) {
            // a hex literal: its bytes are the number
            return (long) Long.bitCount(new BigInteger(1, v.getBytesNoCopy()).longValue());
        }
        java.math.BigDecimal d = v.getBigDecimal().setScale(0, java.math.RoundingMode.HALF_UP);
        return (long) Long.bitCount(d.toBigInteger().longValue());
    }

    public static int isNull(Value v) {
        return v == ValueNull.INSTANCE ? 1 : 0;
    }

    /** ELT(n, s1, s2, …): the n-th string, NULL when n is out of range. */
    public static String elt(Value n, Value... list) {
        if (n == ValueNull.INSTANCE) return null;
        long i = n.getLong();
        if (i < 1 || i > list.length || list[(int) i - 1] == ValueNull.INSTANCE) return null;
        return list[(int) i - 1].getString();
    }

    /** INET_ATON('a.b.c.d'), with MySQL's short forms ('127.1' is 127.0.0.1); NULL for anything else. */
    public static Long inetAton(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        String[] parts = v.getString().split("\\.", -1);
        if (parts.length > 4) return null;
        long result = 0;
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) return null;
            long p = Long.parseLong(parts[i]);
            if (p > 255) return null;
            // the last part fills the bytes that remain
            result = i < parts.length - 1 ? (result << 8) | p : (result << (8 * (4 - i))) | p;
        }
        return result;
    }

    /** INET_NTOA(n): the dotted quad of a 32-bit number; NULL outside 0 … 2^32 - 1. */
    public static String inetNtoa(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        long n = v.getLong();
        if (n < 0 || n > 0xFFFFFFFFL) return null;
        return (n >> 24) + "." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    private static final java.math.BigDecimal MAX_UNSIGNED = new java.math.BigDecimal(TWO_64.subtract(java.math.BigInteger.ONE));

    /**
     * MySQL's {@code CAST(v AS UNSIGNED)}: a DECIMAL is rounded half away from zero and then bounded
     * to 0 … 2^64 - 1, with warning 1292 "Truncated incorrect DECIMAL value: ''" where it was past
     * them (my_decimal2int: {@code CAST(-5.5 AS UNSIGNED)} is 0, not 2^64 - 6); anything else is
     * {@link #castSigned}'s 64 bits read unsigned ({@code CAST(-1 AS UNSIGNED)} is 2^64 - 1).
     */
    public static java.math.BigDecimal castUnsigned(Value v) {
        if (v.getValueType() == Value.NUMERIC || v.getValueType() == Value.DECFLOAT) {
            java.math.BigDecimal n = v.getBigDecimal().setScale(0, java.math.RoundingMode.HALF_UP);
            if (n.signum() >= 0 && n.compareTo(MAX_UNSIGNED) <= 0) return n;
            RuntimeWarnings.warn(ErrorCode.ER_TRUNCATED_WRONG_VALUE.error("DECIMAL", ""));
            return n.signum() < 0 ? java.math.BigDecimal.ZERO : MAX_UNSIGNED;
        }
        Long bits = castSigned(v);
        return bits == null ? null : new java.math.BigDecimal(Long.toUnsignedString(bits));
    }

    /**
     * GROUP_CONCAT's value cut to group_concat_max_len, {@code n} bytes of its UTF-8 (whole
     * characters), as MySQL cuts it, with warning 1260 "Row N was cut by GROUP_CONCAT()", N the
     * value the cut fell in (counted by {@code separator}); the cut had been silent.
     */
    public static String groupConcatCut(String value, long n, String separator) {
        if (value == null || value.length() * 4L <= n) return value;
        int end = 0;
        long bytes = 0;
        while (end < value.length()) {
            int cp = value.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > n) break;
            bytes += size;
            end += Character.charCount(cp);
        }
        return cutGroupConcat(value, end, separator);
    }

    /** As {@link #groupConcatCut}, for a binary GROUP_CONCAT's bytes held one character each: n of them. */
    public static String groupConcatCutBytes(String bytes, long n, String separator) {
        return bytes == null || bytes.length() <= n ? bytes : cutGroupConcat(bytes, (int) n, separator);
    }

    /** The first {@code end} characters of a GROUP_CONCAT's value, with warning 1260 when that cuts it. */
    private static String cutGroupConcat(String value, int end, String separator) {
        if (end >= value.length()) return value;
        String kept = value.substring(0, end);
        long row = 1;
        if (!separator.isEmpty()) {
            for (int at = kept.indexOf(separator); at >= 0; at = kept.indexOf(separator, at + separator.length())) row++;
        }
        RuntimeWarnings.warn(ErrorCode.ER_CUT_VALUE_GROUP_CONCAT.error(row));
        return kept;
    }

    /** A 64-bit value read as MySQL's BIGINT UNSIGNED (what BIT_XOR, BIT_AND and BIT_OR return). */
    public static java.math.BigDecimal unsigned64(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        return new java.math.BigDecimal(Long.toUnsignedString(v.getLong()));
    }

    /**
     * CONV(n, from, to): n's digits in base |from| (2 to 36; the digits up to the first one that is
     * none) written in base |to|, upper case; a negative {@code to} writes a signed number, a
     * positive one the 64-bit unsigned value; NULL for a base outside 2 … 36.
     */
    public static String conv(Value n, Value from, Value to) {
        if (n == ValueNull.INSTANCE || from == ValueNull.INSTANCE || to == ValueNull.INSTANCE) return null;
        int f = from.getInt();
        int t = to.getInt();
        if (Math.abs(f) < 2 || Math.abs(f) > 36 || Math.abs(t) < 2 || Math.abs(t) > 36) return null;
        // a BOOLEAN (an older BIT(1) column's value) is its number, 1 or 0
        String digits = n.getValueType() == Value.BOOLEAN ? (n.getBoolean() ? "1" : "0") : n.getString().strip();
        boolean negative = digits.startsWith("-");
        if (negative) digits = digits.substring(1);
        int end = 0;
        while (end < digits.length() && Character.digit(digits.charAt(end), Math.abs(f)) >= 0) end++;
        BigInteger value = end == 0 ? BigInteger.ZERO : new BigInteger(digits.substring(0, end), Math.abs(f));
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        if (value.compareTo(max) > 0) value = max;
        long bits = value.longValue();
        if (negative) bits = -bits;
        String out = t < 0 ? Long.toString(bits, -t) : new BigInteger(Long.toUnsignedString(bits)).toString(t);
        return out.toUpperCase(Locale.ROOT);
    }

    /**
     * FORMAT(x, d[, locale]): x rounded half up to d decimals (0 to 30), its digits grouped as the
     * locale writes them (en_US's 1,234,567.89 without one, de_DE's 1.234.567,89, en_IN's
     * 12,34,567.89; an unknown locale writes as en_US, with warning 1649 for a literal name).
     */
    public static String format(Value x, Value d, Value... locale) {
        if (x == ValueNull.INSTANCE || d == ValueNull.INSTANCE) return null;
        int decimals = Math.max(0, Math.min(30, d.getInt()));
        String plain = x.getBigDecimal().setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
        MysqlLocales.NumberFormat f = locale.length == 0 || locale[0] == ValueNull.INSTANCE ? null
                : MysqlLocales.numberFormat(locale[0].getString());
        if (f == null) f = MysqlLocales.numberFormat("en_US");
        boolean negative = plain.startsWith("-");
        if (negative) plain = plain.substring(1);
        int point = plain.indexOf('.');
        String digits = point < 0 ? plain : plain.substring(0, point);
        StringBuilder out = new StringBuilder();
        int group = 3;
        int end = digits.length();
        while (end > group) {
            out.insert(0, f.thousands() + digits.substring(end - group, end));
            end -= group;
            if (f.indian()) group = 2;
        }
        out.insert(0, digits.substring(0, end));
        if (point >= 0) out.append(f.point()).append(plain, point + 1, plain.length());
        return (negative ? "-" : "") + out;
    }

    /**
     * COMPRESS(s): MySQL's format, the length of s (four bytes, low byte first) and s deflated by
     * zlib, a '.' after a last byte that is a space; '' for ''. (The engine's own COMPRESS wrote
     * LZF, which MySQL's UNCOMPRESS, and a MariaDB replica running the statement, read otherwise.)
     */
    public static byte[] compress(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        byte[] in = bytes(v);
        if (in.length == 0) return new byte[0];
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(in);
        deflater.finish();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length / 2 + 16);
        out.write(in.length & 0xFF);
        out.write((in.length >>> 8) & 0xFF);
        out.write((in.length >>> 16) & 0xFF);
        out.write((in.length >>> 24) & 0xFF);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
        deflater.end();
        byte[] result = out.toByteArray();
        if (result[result.length - 1] != ' ') return result;
        byte[] dotted = java.util.Arrays.copyOf(result, result.length + 1);
        dotted[result.length] = '.';
        return dotted;
    }

    /** UNCOMPRESS(s) of COMPRESS's format: the bytes; '' for ''; NULL for what is not that format. */
    public static byte[] uncompress(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        byte[] in = bytes(v);
        if (in.length == 0) return new byte[0];
        Integer length = uncompressedLength(v);
        if (in.length < 5 || length == null || length < 0) return null;
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(in, 4, in.length - 4);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length && !inflater.finished()) {
                int k = inflater.inflate(out, n, length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) return null;
                n += k;
            }
            return n == length && inflater.finished() ? out : null;
        } catch (java.util.zip.DataFormatException corrupted) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** UNCOMPRESSED_LENGTH(s): the length COMPRESS wrote first; 0 for ''. */
    public static Integer uncompressedLength(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        byte[] in = bytes(v);
        if (in.length == 0) return 0;
        if (in.length < 4) return null;
        return ((in[0] & 0xFF) | (in[1] & 0xFF) << 8 | (in[2] & 0xFF) << 16 | (in[3] & 0xFF) << 24) & 0x3FFFFFFF;
    }

    /** PASSWORD(s): MySQL 5.7's account hash, '*' and the upper-case hex of SHA1(SHA1(s)); '' for '' and NULL. */
    public static String password(Value v) {
        if (v == ValueNull.INSTANCE) return "";
        byte[] in = bytes(v);
        if (in.length == 0) return "";
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return "*" + UPPER.formatHex(sha1.digest(sha1.digest(in)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1", e);
        }
    }

    /**
     * BENCHMARK(count, expr): 0, NULL for a NULL or negative count. The engine hands this call the
     * expression's value, evaluated once: a count of 0 or 1 is MySQL's, a larger one would time one
     * evaluation as if it were count, so it is refused (1235) rather than answered quickly.
     */
    public static Integer benchmark(Value count, Value expression) {
        if (count == ValueNull.INSTANCE || count.getLong() < 0) return null;
        if (count.getLong() > 1) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("BENCHMARK with a count above 1");
        return 0;
    }

    /** GET_FORMAT(DATE | TIME | DATETIME | TIMESTAMP, 'EUR' | 'USA' | 'JIS' | 'ISO' | 'INTERNAL'): MySQL's format string. */
    public static String getFormat(Value type, Value standard) {
        if (type == ValueNull.INSTANCE || standard == ValueNull.INSTANCE) return null;
        String t = type.getString().toUpperCase(Locale.ROOT);
        int column = switch (t) {
            case "DATE" -> 0;
            case "TIME" -> 1;
            case "DATETIME", "TIMESTAMP" -> 2;
            default -> -1;
        };
        String[] formats = GET_FORMATS.get(standard.getString().toUpperCase(Locale.ROOT));
        return column < 0 || formats == null ? null : formats[column];
    }

    /** GET_FORMAT's table: the standard → its DATE, TIME and DATETIME formats (MySQL 5.7 manual 12.7). */
    private static final Map<String, String[]> GET_FORMATS = Map.of(
            "USA", new String[] {"%m.%d.%Y", "%h:%i:%s %p", "%Y-%m-%d %H.%i.%s"},
            "JIS", new String[] {"%Y-%m-%d", "%H:%i:%s", "%Y-%m-%d %H:%i:%s"},
            "ISO", new String[] {"%Y-%m-%d", "%H:%i:%s", "%Y-%m-%d %H:%i:%s"},
            "EUR", new String[] {"%d.%m.%Y", "%H.%i.%s", "%Y-%m-%d %H.%i.%s"},
            "INTERNAL", new String[] {"%Y%m%d", "%H%i%s", "%Y%m%d%H%i%s"});

    private static boolean isNumber(Value v) {
        return switch (v.getValueType()) {
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT, Value.NUMERIC, Value.REAL, Value.DOUBLE,
                    Value.DECFLOAT -> true;
            default -> false;
        };
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
