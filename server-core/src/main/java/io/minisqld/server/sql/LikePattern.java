package io.minisqld.server.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/** SQL LIKE as SHOW … LIKE applies it: % and _ wildcards, backslash escapes, case-insensitive. */
public final class LikePattern {
    private final Pattern regex;

    public LikePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        regex = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    public boolean matches(String s) {
        return s != null && regex.matcher(s).matches();
    }

    @Override
    public String toString() {
        return regex.pattern().toLowerCase(Locale.ROOT);
    }
}
