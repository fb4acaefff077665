package io.minisqld.server.grant;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * What a client's TLS connection tells about it, as MySQL compares it with an account's REQUIRE
 * clause: the cipher (OpenSSL's name, as {@code Ssl_cipher} shows it), the protocol, and, when the
 * client sent a certificate the server's CA vouched for, its issuer and subject in OpenSSL's
 * one-line form ({@code /C=SE/O=MySQL/CN=client}).
 *
 * @param issuer  null when the client sent no certificate
 * @param subject null when the client sent no certificate
 */
public record TlsPeer(String cipher, String version, String issuer, String subject) {
    /** OpenSSL's short names of the attributes that X500Principal spells as an OID. */
    private static final Map<String, String> NAMES = Map.of("1.2.840.113549.1.9.1", "emailAddress",
            "2.5.4.5", "serialNumber", "2.5.4.4", "SN", "2.5.4.42", "GN");

    /** The peer of a TLS session, or null for a plain connection. */
    public static TlsPeer of(SSLSession session) {
        if (session == null) return null;
        String cipher = CipherNames.openSsl(session.getCipherSuite());
        String issuer = null;
        String subject = null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate c) {
                issuer = oneLine(c.getIssuerX500Principal());
                subject = oneLine(c.getSubjectX500Principal());
            }
        } catch (SSLPeerUnverifiedException noCertificate) {
            // the client sent none: REQUIRE X509 and ISSUER / SUBJECT cannot be met
        }
        return new TlsPeer(cipher == null ? session.getCipherSuite() : cipher, session.getProtocol(), issuer, subject);
    }

    /** True when the client presented a certificate that the server's CA signed. */
    public boolean hasCertificate() {
        return subject != null;
    }

    /** A distinguished name as OpenSSL's X509_NAME_oneline writes it: most significant part first. */
    static String oneLine(X500Principal name) {
        try {
            List<Rdn> rdns = new LdapName(name.getName(X500Principal.RFC2253, NAMES)).getRdns();
            StringBuilder b = new StringBuilder();
            // LdapName lists the rightmost (most significant) part first, as OpenSSL prints
            for (Rdn rdn : rdns) b.append('/').append(rdn.getType()).append('=').append(rdn.getValue());
            return b.toString();
        } catch (InvalidNameException e) {
            return name.getName();
        }
    }
}
