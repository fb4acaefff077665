package io.minisqld.server.grant;

/**
 * Cipher suite names as MySQL shows and takes them (OpenSSL's: {@code ECDHE-RSA-AES128-GCM-SHA256})
 * and as the JDK does (the IANA registry's: {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}). TLS 1.3
 * suites have one name in both ({@code TLS_AES_256_GCM_SHA384}). Only the suites the JDK offers
 * need a name here: AES in GCM and CBC modes and ChaCha20-Poly1305, with RSA, DHE and ECDHE key
 * exchange.
 */
public final class CipherNames {
    private CipherNames() {
    }

    /**
     * OpenSSL's name of an IANA-named suite, the IANA name itself for a TLS 1.3 suite, null for a
     * suite without one (a signalling value such as {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV}).
     */
    public static String openSsl(String iana) {
        if (iana == null) return null;
        if (!iana.startsWith("TLS_")) return null;
        int with = iana.indexOf("_WITH_");
        if (with < 0) return iana.contains("_SCSV") ? null : iana;
        String exchange = switch (iana.substring(4, with)) {
            case "RSA" -> "";
            case "ECDHE_RSA" -> "ECDHE-RSA-";
            case "ECDHE_ECDSA" -> "ECDHE-ECDSA-";
            case "DHE_RSA" -> "DHE-RSA-";
            case "DHE_DSS" -> "DHE-DSS-";
            default -> null;
        };
        if (exchange == null) return null;
        String rest = iana.substring(with + "_WITH_".length());
        if (rest.equals("CHACHA20_POLY1305_SHA256")) return exchange + "CHACHA20-POLY1305";
        String[] parts = rest.split("_");
        // AES_<bits>_<mode>_<mac>
        if (parts.length != 4 || !parts[0].equals("AES")) return null;
        String cipher = "AES" + parts[1];
        return switch (parts[2]) {
            case "GCM" -> exchange + cipher + "-GCM-" + parts[3];
            case "CBC" -> exchange + cipher + "-" + parts[3];
            default -> null;
        };
    }

    /**
     * The JDK's name, among {@code available}, of a suite named either way; null when none of
     * them has that name.
     */
    public static String jdk(String name, String[] available) {
        for (String a : available) {
            if (a.equalsIgnoreCase(name) || name.equalsIgnoreCase(openSsl(a))) return a;
        }
        return null;
    }
}
