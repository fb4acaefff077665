package io.minisqld.server.auth;

/**
 * MySQL's matching of host and database patterns: {@code %} any run, {@code _} one character,
 * a backslash makes the next character literal; and the "specificity" that orders patterns.
 */
final class Wildcards {
    private Wildcards() {
    }

    /** True if {@code value} matches {@code pattern}; host names compare ignoring case. */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        return match(pattern, 0, value, 0, ignoreCase);
    }

    private static boolean match(String p, int pi, String v, int vi, boolean ignoreCase) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                while (pi < p.length() && p.charAt(pi) == '%') pi++;
                if (pi == p.length()) return true;
                for (int k = vi; k <= v.length(); k++) {
                    if (match(p, pi, v, k, ignoreCase)) return true;
                }
                return false;
            }
            if (vi >= v.length()) return false;
            if (c == '_') {
                pi++;
                vi++;
                continue;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                pi++;
                c = p.charAt(pi);
            }
            char d = v.charAt(vi);
            boolean same = ignoreCase ? Character.toLowerCase(c) == Character.toLowerCase(d) : c == d;
            if (!same) return false;
            pi++;
            vi++;
        }
        return vi == v.length();
    }

    /**
     * MySQL's sort weight of one pattern (higher sorts first): 128 for a non-empty pattern
     * without wildcards, the 1-based position of the first wildcard (at most 127) if it has
     * one, 0 for an empty pattern. So 'localhost' before '192.168.%' before '%' before ''.
     */
    static int weight(String pattern) {
        int chars = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                i++;
            } else if (c == '%' || c == '_') {
                return Math.min(i + 1, 127);
            }
            chars = 128;
        }
        return chars;
    }

    static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '%' || c == '_') {
                return true;
            }
        }
        return false;
    }
}
