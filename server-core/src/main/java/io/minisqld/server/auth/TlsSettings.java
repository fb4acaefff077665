package io.minisqld.server.auth;

import io.minisqld.server.grant.CipherNames;
import io.minisqld.server.wire.ServerTls;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * MySQL 5.7's TLS options applied to the server's end of every connection: {@code tls_version}
 * (a comma-separated list of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3) and {@code ssl_cipher} (a
 * colon-separated list of cipher names, OpenSSL's or the JDK's). A client certificate is asked for
 * when {@code ssl_ca} names a CA to check it against, as MySQL asks.
 *
 * <p>Decisions where the JDK differs from OpenSSL: TLSv1 and TLSv1.1 are disabled in the JDK
 * ({@code jdk.tls.disabledAlgorithms}); listed, they are left out with a warning, and a list left
 * empty refuses the start. {@code ssl_cipher} takes names only, not OpenSSL's keywords and operators
 * ({@code HIGH}, {@code !aNULL}); a name the JDK does not offer is left out with a warning, and a
 * list that names none refuses the start. As in MySQL 5.7, {@code ssl_cipher} limits the TLS 1.2
 * suites; TLS 1.3 suites are limited only when the list names some.
 */
public final class TlsSettings {
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsSettings() {
    }

    /**
     * The server's TLS with {@code material}'s certificate.
     *
     * @param tlsVersion the option's value, or null for every protocol the JDK allows
     * @param sslCipher  the option's value, or null for the JDK's default suites
     * @param warnings   receives the error-log lines for names left out
     * @throws IllegalArgumentException for a value that leaves nothing to offer, or is not a list
     *                                  of names; the start is refused with its message
     */
    public static ServerTls of(TlsMaterial material, String tlsVersion, String sslCipher, Consumer<String> warnings)
            throws GeneralSecurityException, IOException {
        SSLContext context = material.sslContext();
        SSLParameters defaults = context.getDefaultSSLParameters();
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols(tlsVersion, Set.of(defaults.getProtocols()), warnings));
        parameters.setCipherSuites(cipherSuites(sslCipher, defaults.getCipherSuites(), warnings));
        parameters.setWantClientAuth(material.checksClientCertificates());
        return new ServerTls(context, parameters);
    }

    /** The protocols as {@code tls_version} shows them: oldest first, comma-separated. */
    public static String shown(SSLParameters parameters) {
        List<String> list = new ArrayList<>(Arrays.asList(parameters.getProtocols()));
        list.sort((a, b) -> Integer.compare(PROTOCOLS.indexOf(a), PROTOCOLS.indexOf(b)));
        return String.join(",", list);
    }

    /** The protocols a {@code tls_version}-style list names, among {@code enabled}. */
    public static String[] protocols(String value, Set<String> enabled, Consumer<String> warnings) {
        if (value == null || value.isBlank()) {
            return PROTOCOLS.stream().filter(enabled::contains).toArray(String[]::new);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            String known = PROTOCOLS.stream().filter(p -> p.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (known == null) {
                throw new IllegalArgumentException("tls_version: '" + name + "' is not one of "
                        + String.join(", ", PROTOCOLS));
            }
            if (enabled.contains(known)) {
                chosen.add(known);
            } else {
                warnings.accept("tls_version: " + known + " is disabled in this server's Java runtime"
                        + " (jdk.tls.disabledAlgorithms); it is not offered");
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("tls_version '" + value + "' leaves no protocol this server can offer"
                    + " (it offers " + String.join(", ", PROTOCOLS.stream().filter(enabled::contains).toList()) + ")");
        }
        return chosen.toArray(new String[0]);
    }

    /** The suites an {@code ssl_cipher}-style list names, among {@code available}. */
    public static String[] cipherSuites(String value, String[] available, Consumer<String> warnings) {
        if (value == null || value.isBlank()) return available;
        Set<String> tls12 = new LinkedHashSet<>();
        Set<String> tls13 = new LinkedHashSet<>();
        for (String part : value.split("[:, ]+")) {
            String name = part.trim();
            if (name.isEmpty()) continue;
            if (!name.matches("[A-Za-z0-9_-]+") || name.equals(name.toUpperCase(Locale.ROOT)) && !name.contains("-")
                    && !name.contains("_")) {
                throw new IllegalArgumentException("ssl_cipher: '" + name + "' is not a cipher name (OpenSSL's keywords"
                        + " and operators are not taken here; list the ciphers by name, colon-separated)");
            }
            String suite = CipherNames.jdk(name, available);
            if (suite == null) {
                warnings.accept("ssl_cipher: " + name + " is not a cipher this server offers; it is left out");
            } else if (suite.contains("_WITH_")) {
                tls12.add(suite);
            } else {
                tls13.add(suite);
            }
        }
        if (tls12.isEmpty() && tls13.isEmpty()) {
            throw new IllegalArgumentException("ssl_cipher '" + value + "' names no cipher this server offers");
        }
        if (tls13.isEmpty()) {
            for (String a : available) {
                if (!a.contains("_WITH_") && !a.contains("_SCSV")) tls13.add(a);
            }
        }
        List<String> suites = new ArrayList<>(tls13);
        suites.addAll(tls12);
        return suites.toArray(new String[0]);
    }
}
