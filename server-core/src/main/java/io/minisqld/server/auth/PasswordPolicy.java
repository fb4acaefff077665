package io.minisqld.server.auth;

/**
 * What the server asks of a new password given in clear: the VALIDATE PASSWORD plugins'
 * verdict (MySQL's check_password_policy) and strength (VALIDATE_PASSWORD_STRENGTH()).
 */
public interface PasswordPolicy {
    /** No plugin: every password is taken, and every strength is 0 (as MySQL 5.7 without one). */
    PasswordPolicy NONE = new PasswordPolicy() {
        @Override
        public void check(String cleartext) {
        }

        @Override
        public int strength(String cleartext) {
            return 0;
        }
    };

    /** Fails with 1819 when a plugin refuses {@code cleartext}. */
    void check(String cleartext);

    /** 0 to 100; 0 without a plugin. */
    int strength(String cleartext);
}
