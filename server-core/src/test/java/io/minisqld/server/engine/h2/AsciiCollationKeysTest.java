package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.Collator;
import java.util.Random;
import org.h2.value.CompareMode;
import org.junit.jupiter.api.Test;

/**
 * The database's collation (H2's ENGLISH at SECONDARY strength, the engine's stand-in for
 * utf8mb4_general_ci) compares ASCII text from a table exactly as the collator does: the same
 * key, character for character, and so the same order; an index H2 wrote with the collator's
 * keys keeps its order when the table compares.
 */
class AsciiCollationKeysTest {
    private static Collator collator(int strength) {
        Collator c = CompareMode.getCollator("ENGLISH");
        c.setStrength(strength);
        return c;
    }

    private static String randomAscii(Random r, String alphabet, int maxLength) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return b.toString();
    }

    @Test
    void keysAndOrderAreTheCollatorsForRandomAsciiText() {
        for (int strength : new int[] {Collator.PRIMARY, Collator.SECONDARY}) {
            Collator collator = collator(strength);
            AsciiCollationKeys table = AsciiCollationKeys.forCollator(collator(strength));
            assertNotNull(table, "ENGLISH at strength " + strength + " builds its ASCII keys character by character");
            StringBuilder all = new StringBuilder();
            for (char c = 0; c < 128; c++) all.append(c);
            // every ASCII character, and text that differs late, by case only or by punctuation only
            String[] alphabets = {all.toString(), "aAbB-_ 0", "abcdefghijklmnopqrstuvwxyz0123456789-", "aA", "a-'. "};
            Random r = new Random(20261205L + strength);
            for (String alphabet : alphabets) {
                for (int i = 0; i < 20_000; i++) {
                    String a = randomAscii(r, alphabet, 12);
                    String b = r.nextInt(4) == 0 ? a + randomAscii(r, alphabet, 2) : randomAscii(r, alphabet, 12);
                    char[] expected = keyChars(collator, a);
                    assertArrayEquals(expected, table.key(a), () -> "key of " + printable(a));
                    assertEquals(Integer.signum(collator.compare(a, b)), Integer.signum(table.compare(a, b)),
                            () -> printable(a) + " vs " + printable(b) + " at strength " + strength);
                }
            }
        }
    }

    /** At TERTIARY strength ENGLISH's keys are not built character by character: no table, the keys are the collator's. */
    @Test
    void aCollatorWhoseKeysDoNotFollowTheModelGetsNoTable() {
        assertNull(AsciiCollationKeys.forCollator(collator(Collator.TERTIARY)));
    }

    @Test
    void sysbenchStyleValuesCompareAsTheCollatorCompares() {
        Collator collator = collator(Collator.SECONDARY);
        AsciiCollationKeys table = AsciiCollationKeys.forCollator(collator(Collator.SECONDARY));
        Random r = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            String a = sysbenchC(r);
            String b = r.nextBoolean() ? sysbenchC(r) : a.substring(0, 60) + sysbenchC(r).substring(60);
            assertEquals(Integer.signum(collator.compare(a, b)), Integer.signum(table.compare(a, b)), a + " vs " + b);
        }
        assertEquals(0, table.compare("Hello-World", "hello-world"), "case is not a difference at SECONDARY");
    }

    /** sysbench's c column: eleven groups of eleven digits joined by '-'. */
    private static String sysbenchC(Random r) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < 10; g++) {
            if (g > 0) b.append('-');
            for (int d = 0; d < 11; d++) b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    private static char[] keyChars(Collator collator, String s) {
        byte[] bytes = collator.getCollationKey(s).toByteArray();
        char[] out = new char[bytes.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = (char) (((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF));
        return out;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) b.append(c < 32 || c == 127 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        return b.append('\'').toString();
    }
}
