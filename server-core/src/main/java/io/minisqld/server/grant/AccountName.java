package io.minisqld.server.grant;

/**
 * An account's key in {@code mysql.user}: a user name ({@code ''} for the anonymous user) and a
 * host pattern ({@code %} and {@code _} wildcards, or an exact name or IP).
 */
public record AccountName(String user, String host) {
    public AccountName {
        if (user == null || host == null) throw new IllegalArgumentException("user and host are required");
    }

    /** As MySQL prints an account in messages and SHOW GRANTS: {@code 'u'@'h'}. */
    public String quoted() {
        return "'" + user + "'@'" + host + "'";
    }

    /** {@code u@h}, as in the column title {@code Grants for u@h}. */
    public String plain() {
        return user + "@" + host;
    }

    @Override
    public String toString() {
        return quoted();
    }

    public static String backquote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
