package io.minisqld.server.engine.h2;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The collation keys of ASCII text computed from a table, for a collator whose keys for ASCII are
 * built character by character: a key is one run per level (primary, secondary, …), each the
 * concatenation of the characters' own runs, each run ended by a zero. {@link #forCollator} learns
 * each character's runs from the collator's own keys and checks, for every character and every
 * pair of characters, that the table gives byte for byte the key the collator gives; a collator
 * that does not build its ASCII keys that way gets none (and text is compared by its keys).
 *
 * <p>Comparing the keys compares as the collator does (a collator's keys order text as it does),
 * without the collator's normalizer: a key costs a table lookup per character.
 */
final class AsciiCollationKeys {
    /** runs[c][level]: what character c adds to each level of a key. */
    private final char[][][] runs;
    private final int levels;

    private AsciiCollationKeys(char[][][] runs, int levels) {
        this.runs = runs;
        this.levels = levels;
    }

    /** The table for {@code collator} (used only here, to learn it), or null when its keys are not built that way. */
    static AsciiCollationKeys forCollator(Collator collator) {
        char[][][] runs = new char[128][][];
        int levels = -1;
        for (char c = 0; c < 128; c++) {
            char[][] r = split(keyChars(collator, String.valueOf(c)));
            if (r == null || (levels >= 0 && r.length != levels)) return null;
            levels = r.length;
            runs[c] = r;
        }
        AsciiCollationKeys table = new AsciiCollationKeys(runs, levels);
        char[] pair = new char[2];
        for (char a = 0; a < 128; a++) {
            for (char b = 0; b < 128; b++) {
                pair[0] = a;
                pair[1] = b;
                String s = new String(pair);
                if (!Arrays.equals(table.key(s), keyChars(collator, s))) return null;
            }
        }
        return table;
    }

    /** Whether every character of {@code s} is ASCII. */
    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) return false;
        }
        return true;
    }

    /** The key of ASCII text {@code s}, as the collator's key's characters. */
    char[] key(String s) {
        int length = levels;
        for (int i = 0; i < s.length(); i++) {
            for (char[] run : runs[s.charAt(i)]) length += run.length;
        }
        char[] key = new char[length];
        int at = 0;
        for (int level = 0; level < levels; level++) {
            for (int i = 0; i < s.length(); i++) {
                char[] run = runs[s.charAt(i)][level];
                System.arraycopy(run, 0, key, at, run.length);
                at += run.length;
            }
            key[at++] = 0;
        }
        return key;
    }

    /**
     * Compares ASCII texts as their keys compare, reading the keys only as far as the first
     * difference (sysbench's values differ in their first characters).
     */
    int compare(String a, String b) {
        for (int level = 0; level < levels; level++) {
            Cursor x = new Cursor(a, level);
            Cursor y = new Cursor(b, level);
            while (true) {
                char cx = x.next();
                char cy = y.next();
                // a level's end reads as its terminating zero, below every character of a run
                if (cx != cy) return cx < cy ? -1 : 1;
                if (cx == 0) break;
            }
        }
        return 0;
    }

    /** Reads one level of a text's key, character by character; 0 at its end. */
    private final class Cursor {
        private final String text;
        private final int level;
        private int index;
        private int inRun;

        Cursor(String text, int level) {
            this.text = text;
            this.level = level;
        }

        char next() {
            while (index < text.length()) {
                char[] run = runs[text.charAt(index)][level];
                if (inRun < run.length) return run[inRun++];
                index++;
                inRun = 0;
            }
            return 0;
        }
    }

    /** A collation key's characters (its bytes are each character's two bytes, high first). */
    private static char[] keyChars(Collator collator, String s) {
        byte[] bytes = collator.getCollationKey(s).toByteArray();
        if (bytes.length % 2 != 0) return null;
        char[] out = new char[bytes.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = (char) (((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF));
        return out;
    }

    /** A one-character key split at its zeros into the runs of each level; null if it does not end in one. */
    private static char[][] split(char[] key) {
        if (key == null || key.length == 0 || key[key.length - 1] != 0) return null;
        List<char[]> levels = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == 0) {
                levels.add(Arrays.copyOfRange(key, start, i));
                start = i + 1;
            }
        }
        return levels.toArray(char[][]::new);
    }
}
