package io.minisqld.examples.validatepassword;

import java.util.Locale;

/**
 * MySQL 5.7's validate_password rules, with the values of its variables. LOW checks the length;
 * MEDIUM also wants {@code mixedCaseCount} lower- and upper-case letters, {@code numberCount}
 * digits and {@code specialCharCount} other characters; STRONG also looks the password up in a
 * dictionary file, which this plugin does not read, so STRONG checks what MEDIUM does. The length
 * that counts is at least what the counts need ({@code numberCount + specialCharCount +
 * 2 × mixedCaseCount}), as MySQL raises {@code validate_password_length} to it.
 *
 * @param policy one of LOW, MEDIUM, STRONG
 */
record PasswordPolicy(long length, long mixedCaseCount, long numberCount, long specialCharCount, String policy) {
    /** MySQL's defaults. */
    static final PasswordPolicy DEFAULTS = new PasswordPolicy(8, 1, 1, 1, "MEDIUM");
    /** Below this many characters a password scores 0. */
    private static final int MIN_LENGTH = 4;

    PasswordPolicy withLength(long v) {
        return new PasswordPolicy(v, mixedCaseCount, numberCount, specialCharCount, policy);
    }

    PasswordPolicy withMixedCaseCount(long v) {
        return new PasswordPolicy(length, v, numberCount, specialCharCount, policy);
    }

    PasswordPolicy withNumberCount(long v) {
        return new PasswordPolicy(length, mixedCaseCount, v, specialCharCount, policy);
    }

    PasswordPolicy withSpecialCharCount(long v) {
        return new PasswordPolicy(length, mixedCaseCount, numberCount, v, policy);
    }

    PasswordPolicy withPolicy(String v) {
        return new PasswordPolicy(length, mixedCaseCount, numberCount, specialCharCount, v.toUpperCase(Locale.ROOT));
    }

    /** The length a password needs: the variable, or what the counts add up to if more. */
    long effectiveLength() {
        return Math.max(length, numberCount + specialCharCount + 2 * mixedCaseCount);
    }

    /** Whether {@code password} meets the policy. */
    boolean accepts(String password) {
        if (password.codePointCount(0, password.length()) < effectiveLength()) return false;
        return policy.equals("LOW") || hasTheMix(password);
    }

    /** VALIDATE_PASSWORD_STRENGTH(): 0 under 4 characters, 25 short, 50 LOW, 75 MEDIUM, 100 STRONG. */
    int strength(String password) {
        int chars = password.codePointCount(0, password.length());
        if (chars < MIN_LENGTH) return 0;
        if (chars < effectiveLength()) return 25;
        // without a dictionary, a password of MEDIUM's mix passes STRONG's lookup too
        return hasTheMix(password) ? 100 : 50;
    }

    private boolean hasTheMix(String password) {
        long lower = 0;
        long upper = 0;
        long digits = 0;
        long special = 0;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isDigit(c)) digits++;
            else if (Character.isLowerCase(c)) lower++;
            else if (Character.isUpperCase(c)) upper++;
            else special++;
        }
        return lower >= mixedCaseCount && upper >= mixedCaseCount && digits >= numberCount && special >= specialCharCount;
    }
}
