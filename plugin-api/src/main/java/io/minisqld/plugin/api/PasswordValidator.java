package io.minisqld.plugin.api;

/**
 * What a plugin of type {@link PluginType#VALIDATE_PASSWORD} gives the server (MySQL's
 * {@code st_mysql_validate_password}, plugin API 1.1). The server asks it about every new
 * password given in clear text: {@code CREATE USER … IDENTIFIED BY}, {@code ALTER USER …
 * IDENTIFIED BY}, {@code SET PASSWORD}, {@code GRANT … IDENTIFIED BY}, and the empty password of
 * a {@code CREATE USER} without one; a refusal fails the statement with ERROR 1819 (HY000) "Your
 * password does not satisfy the current policy requirements". A password given as its hash
 * ({@code IDENTIFIED BY PASSWORD '*…'}) cannot be checked and is taken. Called on the session's
 * thread, possibly from several sessions at once.
 */
public interface PasswordValidator {
    /** Whether {@code password} meets the policy. */
    boolean validate(String password);

    /** How strong {@code password} is, from 0 (weakest) to 100: {@code VALIDATE_PASSWORD_STRENGTH()}. */
    int strength(String password);
}
