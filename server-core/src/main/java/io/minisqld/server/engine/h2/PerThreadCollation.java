package io.minisqld.server.engine.h2;

import java.text.CollationKey;
import java.text.Collator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.value.CompareMode;

/**
 * The comparison of a data directory created before the server had utf8mb4_general_ci's
 * ({@link GeneralCiCollation}): H2's collation (the database's {@code SET COLLATION ENGLISH
 * STRENGTH SECONDARY}, case-insensitive but accents counting), whose order its indexes keep,
 * with one {@link Collator} and one cache of collation keys per thread. H2's own mode shares one collator and one key cache behind one lock: under sysbench's
 * ORDER BY and DISTINCT on CHAR columns every comparison of every session queued on it (a fifth
 * of the server's CPU samples at 4 threads). Without a cache, the collator normalizes both strings
 * at each comparison (two fifths of the samples), and computing keys costs as much: ASCII text's
 * keys come from a table instead ({@link AsciiCollationKeys}). Keys order strings as the
 * collator does, so indexes written under H2's mode keep their order under this one. Trailing
 * spaces do not count, as in MySQL's PAD SPACE collations; an index written before that was so
 * keeps its order too (a string sorted next to the same string with trailing spaces).
 *
 * <p>H2's VARCHAR_IGNORECASE is this server's case-sensitive text: a column of a {@code _bin}
 * collation ({@link ColumnCharsets}) or a value given {@code COLLATE x_bin}. H2 asks for its
 * comparisons with {@code ignoreCase} set; they compare code points as {@link GeneralCiCollation}
 * does, and H2 makes every comparison of such a value with other text one of these, as MySQL's
 * {@code _bin} collation wins over a {@code _ci} one of the same set.
 */
final class PerThreadCollation extends CompareMode {
    /** Keys a thread keeps: a sort of this many distinct strings computes each key once. */
    private static final int KEYS_PER_THREAD = 1024;

    private final ThreadLocal<Keys> keys;
    /** ASCII text's keys without the collator, or null when the collator's keys cannot be tabled. */
    private final AsciiCollationKeys ascii;

    private PerThreadCollation(String name, int strength) {
        super(name, strength);
        keys = ThreadLocal.withInitial(() -> new Keys(newCollator(name, strength)));
        ascii = asciiTable(name, strength);
    }

    /** Learning a table takes 16 384 keys of the collator: once per collation in the JVM. */
    private static final Map<String, Optional<AsciiCollationKeys>> ASCII_TABLES = new ConcurrentHashMap<>();

    private static AsciiCollationKeys asciiTable(String name, int strength) {
        return ASCII_TABLES.computeIfAbsent(name + "/" + strength,
                k -> Optional.ofNullable(AsciiCollationKeys.forCollator(newCollator(name, strength)))).orElse(null);
    }

    /** One thread's collator and its most recently used keys. */
    private static final class Keys extends LinkedHashMap<String, CollationKey> {
        private static final long serialVersionUID = 1L;
        private final transient Collator collator;

        Keys(Collator collator) {
            super(KEYS_PER_THREAD * 2, 0.75f, true);
            this.collator = collator;
        }

        CollationKey of(String s) {
            CollationKey k = get(s);
            if (k == null) {
                k = collator.getCollationKey(s);
                put(s, k);
            }
            return k;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CollationKey> eldest) {
            return size() > KEYS_PER_THREAD;
        }
    }

    /** This mode in place of a collator-based one; other modes are left alone. */
    static CompareMode replacing(CompareMode current) {
        if (current instanceof PerThreadCollation || CompareMode.getCollator(current.getName()) == null) return current;
        return new PerThreadCollation(current.getName(), current.getStrength());
    }

    private static Collator newCollator(String name, int strength) {
        Collator c = CompareMode.getCollator(name);
        c.setStrength(strength);
        return c;
    }

    @Override
    public int compareString(String a, String b, boolean ignoreCase) {
        // MySQL 5.7's collations are PAD SPACE: trailing spaces do not count ('a' = 'a  ', one
        // of them only in a unique key, one group of them)
        if (ignoreCase) return GeneralCiCollation.compare(a, b, false);
        a = withoutTrailingSpaces(a);
        b = withoutTrailingSpaces(b);
        if (ascii != null && AsciiCollationKeys.isAscii(a) && AsciiCollationKeys.isAscii(b)) return ascii.compare(a, b);
        Keys k = keys.get();
        return k.of(a).compareTo(k.of(b));
    }

    private static String withoutTrailingSpaces(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(n - 1) != ' ') return s;
        while (n > 0 && s.charAt(n - 1) == ' ') n--;
        return s.substring(0, n);
    }

    @Override
    public boolean equalsChars(String a, int ai, String b, int bi, boolean ignoreCase) {
        if (ignoreCase) return a.charAt(ai) == b.charAt(bi);
        return compareString(a.substring(ai, ai + 1), b.substring(bi, bi + 1), ignoreCase) == 0;
    }
}
