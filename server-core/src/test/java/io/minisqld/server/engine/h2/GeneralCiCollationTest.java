package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * utf8mb4_general_ci as MySQL 5.7 and MariaDB 10.11 compare with it (the answers below are a
 * MariaDB 10.11 server's): one weight per character, the shorter string padded with spaces; and
 * the {@code _bin} comparison H2 asks for with {@code ignoreCase}, by code point, padded too.
 * server-tests' GeneralCiCollationTest holds every character of the BMP against a real MariaDB.
 */
class GeneralCiCollationTest {
    private final GeneralCiCollation ci = new GeneralCiCollation();

    private int sign(String a, String b) {
        return Integer.signum(ci.compareString(a, b, false));
    }

    @Test
    void accentsAndCaseDoNotCountAndSharpSIsS() {
        assertEquals(0, sign("José", "JOSE"));
        assertEquals(0, sign("ü", "u"));
        assertEquals(0, sign("Straße", "strase"));
        assertEquals(-1, sign("Straße", "strasse"), "'ß' weighs as 's', so 'Straße' is 'Strase'");
        assertEquals(1, sign("Æ", "ae"), "'Æ' is a letter of its own, after 'Z'");
        assertEquals(0, sign("ǅ", "ǆ"));
    }

    @Test
    void punctuationSortsByCodePointAgainstUpperCaseLetters() {
        List<String> words = new ArrayList<>(List.of("b", "_", "a b", "ab", "a-b", "Z", "1", "!", "a_b", "[", "`"));
        words.sort((x, y) -> ci.compareString(x, y, false));
        assertEquals(List.of("!", "1", "a b", "a-b", "ab", "a_b", "b", "Z", "[", "_", "`"), words);
    }

    @Test
    void theShorterStringIsPaddedWithSpaces() {
        assertEquals(0, sign("a", "a   "));
        assertEquals(1, sign("a", "a\t"), "'a' pads to 'a ', after 'a\\t'");
        assertEquals(-1, sign("a", "a!"));
        assertEquals(-1, sign("", "\u00a0"));
        assertEquals(0, sign("", "  "));
    }

    @Test
    void everyCharacterPastTheBmpWeighsAsUfffd() {
        assertEquals(0, sign("😀", "😁"));
        assertEquals(0, sign("😀", "\ufffd"));
        assertEquals(1, sign("a😀", "ab"), "U+FFFD's weight is above 'B'");
        assertEquals(1, sign("a😀", "a\uff5a"));
        assertEquals(0, sign("x😀 ", "x😁"));
    }

    @Test
    void binaryComparisonIsByCodePointPaddedWithSpaces() {
        assertTrue(ci.compareString("B", "a", true) < 0);
        assertTrue(ci.compareString("é", "e", true) > 0);
        assertEquals(0, ci.compareString("a", "a  ", true));
        assertTrue(ci.compareString("a", "a\t", true) > 0);
        assertTrue(ci.compareString("😀", "\uffff", true) > 0, "a character past U+FFFF after every BMP one");
    }

    @Test
    void likeComparesCharactersByTheirWeights() {
        assertTrue(ci.equalsChars("é", 0, "E", 0, false));
        assertTrue(ci.equalsChars("ß", 0, "s", 0, false));
        assertFalse(ci.equalsChars("é", 0, "E", 0, true));
    }
}
