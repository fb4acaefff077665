package io.minisqld.server.engine.h2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import org.h2.engine.Database;
import org.h2.value.CompareMode;

/**
 * MySQL 5.7's {@code utf8mb4_general_ci}, the engine's comparison of text: each character weighs
 * one 16-bit weight (its upper-case letter without accents for most letters: {@code 'é'} and
 * {@code 'E'} weigh {@code 'E'}, {@code 'ß'} weighs {@code 'S'}; punctuation, digits and symbols
 * their code point, so {@code '_'} sorts after {@code 'Z'}), every character past U+FFFF weighs
 * U+FFFD, and two strings compare as their weights do, the shorter one padded with spaces (PAD
 * SPACE: {@code 'a' = 'a  '}, {@code 'a\t' < 'a'}). The weights that are not the character itself
 * are a table, {@code utf8mb4_general_ci.weights}, made by {@code bin/general-ci-weights} from a
 * server's {@code WEIGHT_STRING}.
 *
 * <p>A {@code _bin} collation's text is H2's VARCHAR_IGNORECASE, which H2 compares with
 * {@code ignoreCase} set: by code point here (a character past U+FFFF after every other), padded
 * with spaces too, as MySQL 5.7's {@code _bin} collations are.
 *
 * <p>The database records this collation as H2's {@code ENGLISH} at {@code PRIMARY} strength, a
 * setting H2 accepts but this server never uses otherwise; a data directory created before the
 * server had this collation records {@code SECONDARY} and keeps the English collation its indexes
 * were ordered by ({@link PerThreadCollation}).
 */
final class GeneralCiCollation extends CompareMode {
    /** The H2 setting that stands for this collation: {@code SET COLLATION ENGLISH STRENGTH PRIMARY}. */
    static final String SETTING = "ENGLISH";
    static final int SETTING_STRENGTH = Collator.PRIMARY;

    private static final char[] WEIGHTS = weights();
    private static final int SPACE = ' ';
    private static final int PAST_BMP = 0xFFFD;

    GeneralCiCollation() {
        super(SETTING, SETTING_STRENGTH);
    }

    /** Whether H2's setting {@code name} at {@code strength} is the one standing for this collation. */
    static boolean isSetting(String name, int strength) {
        return SETTING.equals(name) && strength == SETTING_STRENGTH;
    }

    /**
     * The comparison the server uses in place of H2's for the database setting {@code mode}: this
     * collation, the English one of older data directories, or {@code mode} itself.
     */
    static CompareMode replacing(CompareMode mode) {
        if (isSetting(mode.getName(), mode.getStrength())) return new GeneralCiCollation();
        return PerThreadCollation.replacing(mode);
    }

    /** Puts the server's comparison in place of the database's H2 one. */
    static void install(Database database) {
        CompareMode current = database.getCompareMode();
        CompareMode replacement = replacing(current);
        if (replacement != current) database.setCompareMode(replacement);
    }

    @Override
    public int compareString(String a, String b, boolean ignoreCase) {
        return compare(a, b, !ignoreCase);
    }

    @Override
    public boolean equalsChars(String a, int ai, String b, int bi, boolean ignoreCase) {
        char x = a.charAt(ai);
        char y = b.charAt(bi);
        return ignoreCase ? x == y : weight(x) == weight(y);
    }

    /**
     * The order of {@code a} and {@code b} by their weights ({@code byWeight}) or code points, the
     * shorter padded with spaces.
     */
    static int compare(String a, String b, boolean byWeight) {
        int i = 0;
        int j = 0;
        int n = a.length();
        int m = b.length();
        while (i < n && j < m) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (x == y && !Character.isSurrogate(x)) {
                i++;
                j++;
                continue;
            }
            int wx = of(a, i, byWeight);
            int wy = of(b, j, byWeight);
            if (wx != wy) return wx < wy ? -1 : 1;
            i += Character.isHighSurrogate(x) && i + 1 < n ? 2 : 1;
            j += Character.isHighSurrogate(y) && j + 1 < m ? 2 : 1;
        }
        // the shorter string goes on as spaces: the first other character of the longer decides
        for (; i < n; i += Character.isHighSurrogate(a.charAt(i)) ? 2 : 1) {
            int w = of(a, i, byWeight);
            if (w != SPACE) return w < SPACE ? -1 : 1;
        }
        for (; j < m; j += Character.isHighSurrogate(b.charAt(j)) ? 2 : 1) {
            int w = of(b, j, byWeight);
            if (w != SPACE) return w < SPACE ? 1 : -1;
        }
        return 0;
    }

    /**
     * What {@link #compare} compares of {@code s}: its weights ({@code byWeight}) or code points,
     * trailing spaces left out; two strings compare equal exactly when their keys are equal.
     */
    static String key(String s, boolean byWeight) {
        StringBuilder out = new StringBuilder(s.length());
        int kept = 0;
        for (int i = 0; i < s.length(); i += Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() ? 2 : 1) {
            int w = of(s, i, byWeight);
            out.appendCodePoint(w);
            if (w != SPACE) kept = out.length();
        }
        out.setLength(kept);
        return out.toString();
    }

    /** The weight or code point of the character at {@code i} of {@code s}. */
    private static int of(String s, int i, boolean byWeight) {
        return byWeight ? weight(s.charAt(i)) : s.codePointAt(i);
    }

    /** A UTF-16 unit's weight: half of a character past U+FFFF weighs as that character, U+FFFD. */
    static int weight(char c) {
        return Character.isSurrogate(c) ? PAST_BMP : WEIGHTS[c];
    }

    private static char[] weights() {
        char[] w = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c < w.length; c++) w[c] = (char) c;
        String name = "utf8mb4_general_ci.weights";
        try (InputStream in = GeneralCiCollation.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("server-core lacks its resource " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                int space = line.indexOf(' ');
                w[Integer.parseInt(line, 0, space, 16)] = (char) Integer.parseInt(line, space + 1, line.length(), 16);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w;
    }
}
