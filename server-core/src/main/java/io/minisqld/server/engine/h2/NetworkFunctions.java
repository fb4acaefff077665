package io.minisqld.server.engine.h2;

import java.util.Map;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * MySQL's IPv6 functions: INET6_ATON, INET6_NTOA, IS_IPV4, IS_IPV6, IS_IPV4_COMPAT and
 * IS_IPV4_MAPPED (MySQL 5.7 manual 12.20 "Miscellaneous Functions"). Addresses are read from their
 * text alone, never looked up: a name that is no address is NULL (or 0). The text INET6_NTOA
 * writes is MySQL's: lower case, the longest run of zero groups (the first of equal ones, a single
 * group too) written {@code ::}, an IPv4-mapped address's last 32 bits and an IPv4-compatible
 * one's (when its seventh group is not zero) as a dotted quad.
 */
public final class NetworkFunctions {
    /** MySQL's name → the method of this class that computes it. */
    static final Map<String, String> BY_NAME = Map.of("INET6_ATON", "inet6Aton", "INET6_NTOA", "inet6Ntoa",
            "IS_IPV4", "isIpv4", "IS_IPV6", "isIpv6", "IS_IPV4_COMPAT", "isIpv4Compat", "IS_IPV4_MAPPED",
            "isIpv4Mapped");

    private NetworkFunctions() {
    }

    /** INET6_ATON(text): the address's 4 or 16 bytes; NULL for text that is neither kind of address. */
    public static byte[] inet6Aton(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        String text = v.getString();
        byte[] four = ipv4(text);
        return four != null ? four : ipv6(text);
    }

    /** INET6_NTOA(bytes): the text of a 4- or 16-byte binary address; NULL for anything else. */
    public static String inet6Ntoa(Value v) {
        if (v == ValueNull.INSTANCE || !binary(v)) return null;
        byte[] b = v.getBytes();
        if (b.length == 4) return dotted(b, 0);
        if (b.length != 16) return null;
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = (b[2 * i] & 0xFF) << 8 | (b[2 * i + 1] & 0xFF);
        boolean firstFiveZero = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0;
        if (firstFiveZero && groups[5] == 0xFFFF) return "::ffff:" + dotted(b, 12);
        if (firstFiveZero && groups[5] == 0 && groups[6] != 0) return "::" + dotted(b, 12);
        // the longest run of zero groups, the first of equal ones
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) out.append(':');
        }
        return out.toString();
    }

    /** IS_IPV4(text): 1 for a dotted-quad IPv4 address, else 0. */
    public static int isIpv4(Value v) {
        return v != ValueNull.INSTANCE && ipv4(v.getString()) != null ? 1 : 0;
    }

    /** IS_IPV6(text): 1 for an IPv6 address, else 0. */
    public static int isIpv6(Value v) {
        return v != ValueNull.INSTANCE && ipv6(v.getString()) != null ? 1 : 0;
    }

    /** IS_IPV4_COMPAT(bytes): 1 for a 16-byte ::a.b.c.d (not :: nor ::1), else 0. */
    public static int isIpv4Compat(Value v) {
        if (v == ValueNull.INSTANCE || !binary(v)) return 0;
        byte[] b = v.getBytes();
        if (b.length != 16) return 0;
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) return 0;
        }
        long last = (b[12] & 0xFFL) << 24 | (b[13] & 0xFF) << 16 | (b[14] & 0xFF) << 8 | (b[15] & 0xFF);
        return last > 1 ? 1 : 0;
    }

    /** IS_IPV4_MAPPED(bytes): 1 for a 16-byte ::ffff:a.b.c.d, else 0. */
    public static int isIpv4Mapped(Value v) {
        if (v == ValueNull.INSTANCE || !binary(v)) return 0;
        byte[] b = v.getBytes();
        if (b.length != 16) return 0;
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) return 0;
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF ? 1 : 0;
    }

    private static boolean binary(Value v) {
        int type = v.getValueType();
        return type == Value.VARBINARY || type == Value.BINARY || type == Value.BLOB;
    }

    private static String dotted(byte[] b, int from) {
        return (b[from] & 0xFF) + "." + (b[from + 1] & 0xFF) + "." + (b[from + 2] & 0xFF) + "." + (b[from + 3] & 0xFF);
    }

    /** The 4 bytes of a dotted quad (each part 1 to 3 digits, at most 255), or null. */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) return null;
            int n = Integer.parseInt(parts[i]);
            if (n > 255) return null;
            out[i] = (byte) n;
        }
        return out;
    }

    /** The 16 bytes of an IPv6 address (groups of 1 to 4 hex digits, one {@code ::}, a dotted quad last), or null. */
    private static byte[] ipv6(String text) {
        if (text.indexOf(':') < 0 || !text.chars().allMatch(c -> c < 128)) return null;
        byte[] tail = null;
        String body = text;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.', lastColon) >= 0) {
            tail = ipv4(text.substring(lastColon + 1));
            if (tail == null) return null;
            body = text.substring(0, lastColon + 1) + "0:0";
        }
        int gap = body.indexOf("::");
        if (gap >= 0 && body.indexOf("::", gap + 1) >= 0) return null;
        String[] head = gap < 0 ? body.split(":", -1) : split(body.substring(0, gap));
        String[] rest = gap < 0 ? new String[0] : split(body.substring(gap + 2));
        int count = head.length + rest.length;
        if (gap < 0 ? count != 8 : count > 7) return null;
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            if (!head[i].matches("[0-9A-Fa-f]{1,4}")) return null;
            groups[i] = Integer.parseInt(head[i], 16);
        }
        for (int i = 0; i < rest.length; i++) {
            if (!rest[i].matches("[0-9A-Fa-f]{1,4}")) return null;
            groups[8 - rest.length + i] = Integer.parseInt(rest[i], 16);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        if (tail != null) System.arraycopy(tail, 0, out, 12, 4);
        return out;
    }

    private static String[] split(String groups) {
        return groups.isEmpty() ? new String[0] : groups.split(":", -1);
    }
}
