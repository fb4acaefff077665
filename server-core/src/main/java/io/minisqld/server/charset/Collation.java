package io.minisqld.server.charset;

import java.util.List;
import java.util.Locale;

/**
 * A collation MySQL numbers in its protocol and binlog (the handshake's character set byte, the
 * column definition's character set, Q_CHARSET): the ones of the character sets this server
 * speaks. Text compares ignoring case, as these sets' default collations, except under a
 * case-sensitive collation ({@link #caseSensitive}), which the engine keeps as its set's
 * {@code _bin} one.
 */
public record Collation(int id, String name, MysqlCharset charset) {

    private static final List<Collation> ALL = List.of(
            new Collation(8, "latin1_swedish_ci", MysqlCharset.LATIN1),
            new Collation(11, "ascii_general_ci", MysqlCharset.ASCII),
            new Collation(33, "utf8_general_ci", MysqlCharset.UTF8),
            new Collation(45, "utf8mb4_general_ci", MysqlCharset.UTF8MB4),
            new Collation(46, "utf8mb4_bin", MysqlCharset.UTF8MB4),
            new Collation(47, "latin1_bin", MysqlCharset.LATIN1),
            new Collation(63, "binary", MysqlCharset.BINARY),
            new Collation(65, "ascii_bin", MysqlCharset.ASCII),
            new Collation(83, "utf8_bin", MysqlCharset.UTF8),
            new Collation(192, "utf8_unicode_ci", MysqlCharset.UTF8),
            new Collation(224, "utf8mb4_unicode_ci", MysqlCharset.UTF8MB4),
            new Collation(255, "utf8mb4_0900_ai_ci", MysqlCharset.UTF8MB4));

    /** Every collation, by id. */
    public static List<Collation> all() {
        return ALL;
    }

    /** The collation with that id, or null. */
    public static Collation byId(int id) {
        for (Collation c : ALL) {
            if (c.id == id) return c;
        }
        return null;
    }

    /** The collation with that name, or a character set's default collation by the set's name; null if neither. */
    public static Collation byName(String name) {
        if (name == null) return null;
        String n = name.trim().toLowerCase(Locale.ROOT).replace("utf8mb3", "utf8");
        for (Collation c : ALL) {
            if (c.name.equals(n)) return c;
        }
        MysqlCharset cs = MysqlCharset.named(n);
        return cs == null ? null : byId(cs.defaultCollation());
    }

    /**
     * The character set of a collation MySQL names ({@code latin1_general_ci} is latin1's, also when
     * this server has no entry for it): 1273 for a name that is no collation of a known set, 1235
     * for a collation of a set this server does not speak.
     */
    public static MysqlCharset charsetOf(String name) {
        Collation c = byName(name);
        if (c != null) return c.charset();
        String n = name.trim().toLowerCase(Locale.ROOT);
        int bar = n.indexOf('_');
        if (bar > 0 && MysqlCharset.isMysqlName(n.substring(0, bar))) return MysqlCharset.require(n.substring(0, bar));
        throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_COLLATION.error(name);
    }

    /**
     * Whether a collation MySQL names tells case: its {@code _bin} ones and the {@code _cs} ones
     * ({@code latin1_general_cs}), which this server keeps as their set's {@code _bin} collation.
     */
    public static boolean caseSensitive(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith("_bin") || n.endsWith("_cs");
    }

    /** A character set's {@code _bin} collation. */
    public static Collation bin(MysqlCharset charset) {
        return byName(charset.mysqlName() + "_bin");
    }

    /** Whether this is its character set's default collation. */
    public boolean setDefault() {
        return charset.defaultCollation() == id;
    }

    /** A character set's default collation. */
    public static Collation of(MysqlCharset charset) {
        return byId(charset.defaultCollation());
    }
}
