package io.minisqld.server.gtid;

import io.minisqld.server.error.ErrorCode;
import java.util.Locale;

/** One GTID, {@code uuid:gno} (row-events-gtid-mts.md B.1). */
public record Gtid(String uuid, long gno) {

    /**
     * Parses {@code uuid:number}.
     *
     * @throws io.minisqld.server.error.SqlError 1231 for anything else (what SET gtid_next says)
     */
    public static Gtid parse(String text, String variable) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon > 0 && GtidSet.isUuid(t.substring(0, colon).strip())) {
            String digits = t.substring(colon + 1).strip();
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 19) {
                long gno = Long.parseLong(digits);
                if (gno >= 1) return new Gtid(t.substring(0, colon).strip().toLowerCase(Locale.ROOT), gno);
            }
        }
        throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error(variable, text);
    }

    /** Whether {@code text} has the form of one GTID (a UUID, a colon, digits). */
    public static boolean looksLikeOne(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        String digits = colon < 0 ? "" : t.substring(colon + 1).strip();
        return colon > 0 && GtidSet.isUuid(t.substring(0, colon).strip()) && !digits.isEmpty()
                && digits.chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return uuid + ":" + gno;
    }
}
