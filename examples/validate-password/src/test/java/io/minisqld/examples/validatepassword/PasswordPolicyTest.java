package io.minisqld.examples.validatepassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    /** The MySQL 5.7 manual's VALIDATE_PASSWORD_STRENGTH() examples, with the default variables. */
    @Test
    void strengthAsTheManualShowsIt() {
        PasswordPolicy p = PasswordPolicy.DEFAULTS;
        assertEquals(0, p.strength("abc"));
        assertEquals(25, p.strength("weak"));
        assertEquals(50, p.strength("lessweak$_@123"));
        assertEquals(100, p.strength("N0Tw3@k$P@ssw0r%d"));
    }

    @Test
    void mediumWantsTheMixLowOnlyTheLength() {
        PasswordPolicy medium = PasswordPolicy.DEFAULTS;
        assertFalse(medium.accepts("Short1!"));
        assertFalse(medium.accepts("longenough"));
        assertFalse(medium.accepts("Longenough1"));
        assertTrue(medium.accepts("Longenough1!"));
        PasswordPolicy low = medium.withPolicy("low");
        assertTrue(low.accepts("longenough"));
        assertFalse(low.accepts("short"));
    }

    @Test
    void theCountsRaiseTheLengthThatCounts() {
        PasswordPolicy p = PasswordPolicy.DEFAULTS.withLength(4).withNumberCount(3).withSpecialCharCount(2);
        assertEquals(7, p.effectiveLength());
        assertFalse(p.accepts("Ab12#$"));
        assertTrue(p.accepts("Ab123#$"));
    }
}
