package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MySQL's current date and time functions in H2's terms (part of {@link MySqlToH2}). */
final class CurrentTime {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private CurrentTime() {
    }


    /** MySQL's names of the current date and time; the bare ones need no parentheses. */
    static final Set<String> NAMES = Set.of("NOW", "SYSDATE", "CURRENT_TIMESTAMP", "LOCALTIME",
            "LOCALTIMESTAMP", "CURDATE", "CURRENT_DATE", "CURTIME", "CURRENT_TIME");

    /**
     * NOW(), SYSDATE(), CURRENT_TIMESTAMP[()], LOCALTIME[()], LOCALTIMESTAMP[()], CURDATE(),
     * CURRENT_DATE[()], CURTIME(), CURRENT_TIME[()] at sig index {@code s}, with an optional
     * precision. MySQL's time is truncated to that many fractional digits (none by default); H2's
     * has six, or rounds to fewer: zero, three and six digits are exact, one, two, four and five
     * round in their last digit. With {@code fixed} (a replicated statement's time at its source)
     * (or the one SET timestamp gave the session) every one of them is that time.
     *
     * @return the sig index of the call's last token
     */
    static int translate(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace, Set<Integer> drop,
                           LocalDateTime fixed) {
        Token t = all.get(sig.get(s));
        boolean open = s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(");
        int fsp = 0;
        int last = s;
        if (open) {
            if (s + 2 < sig.size() && all.get(sig.get(s + 2)).isSymbol(")")) {
                last = s + 2;
            } else if (s + 3 < sig.size() && all.get(sig.get(s + 2)).type() == TokenType.NUMBER
                    && all.get(sig.get(s + 3)).isSymbol(")")) {
                fsp = Integer.parseInt(all.get(sig.get(s + 2)).text());
                last = s + 3;
            } else {
                return s;
            }
        } else if (t.is("NOW") || t.is("SYSDATE") || t.is("CURDATE") || t.is("CURTIME")) {
            return s;
        }
        if (fsp < 0 || fsp > 6) return s;
        if (t.is("SYSDATE")) {
            // SYSDATE() is the real time whatever the statement's clock says, as MySQL's
            replace.put(sig.get(s), "CAST(PUBLIC.\"" + H2Functions.SYSDATE_ALIAS + "\"(" + fsp + ") AS TIMESTAMP(" + fsp + "))");
            for (int k = s + 1; k <= last; k++) drop.add(sig.get(k));
            return last;
        }
        boolean date = t.is("CURDATE") || t.is("CURRENT_DATE");
        boolean time = t.is("CURTIME") || t.is("CURRENT_TIME");
        String h2;
        if (fixed != null) {
            // MySQL truncates the fraction to the precision asked for
            String full = fixed.format(MICROS);
            String text = fsp == 0 ? full.substring(0, 19) : full.substring(0, 20 + fsp);
            h2 = date ? "DATE '" + text.substring(0, 10) + "'"
                    : time ? "CAST(TIME '" + text.substring(11) + "' AS TIME(" + fsp + "))"
                    : "CAST(TIMESTAMP '" + text + "' AS TIMESTAMP(" + fsp + "))";
        } else if (date) {
            return s;
        } else {
            String timestamp = switch (fsp) {
                case 0 -> "CAST(DATE_TRUNC('SECOND', LOCALTIMESTAMP) AS TIMESTAMP(0))";
                case 3 -> "CAST(DATE_TRUNC('MILLISECOND', LOCALTIMESTAMP) AS TIMESTAMP(3))";
                default -> "LOCALTIMESTAMP(" + fsp + ")";
            };
            // CURTIME() is NOW()'s time of day, truncated as NOW() is (H2's rounds into TIME(0))
            h2 = time ? "CAST(" + timestamp + " AS TIME(" + fsp + "))" : timestamp;
        }
        replace.put(sig.get(s), h2);
        for (int k = s + 1; k <= last; k++) drop.add(sig.get(k));
        return last;
    }
}
