package io.minisqld.server.grant;

/**
 * An account's REQUIRE clause, as MySQL 5.7 keeps it in {@code mysql.user}: {@code ssl_type}
 * '' (NONE), ANY (SSL), X509, or SPECIFIED with any of {@code ssl_cipher}, {@code x509_issuer} and
 * {@code x509_subject}.
 *
 * @param cipher  the cipher REQUIRE CIPHER names, or empty
 * @param issuer  the issuer REQUIRE ISSUER names, or empty
 * @param subject the subject REQUIRE SUBJECT names, or empty
 */
public record TlsRequirement(Type type, String cipher, String issuer, String subject) {
    /** MySQL's ssl_type values. */
    public enum Type {
        NONE(""), SSL("ANY"), X509("X509"), SPECIFIED("SPECIFIED");

        private final String stored;

        Type(String stored) {
            this.stored = stored;
        }

        /** The value of {@code mysql.user.ssl_type}. */
        public String stored() {
            return stored;
        }

        static Type ofStored(String value) {
            for (Type t : values()) {
                if (t.stored.equalsIgnoreCase(value == null ? "" : value)) return t;
            }
            return NONE;
        }
    }

    public static final TlsRequirement NONE = new TlsRequirement(Type.NONE, "", "", "");
    public static final TlsRequirement SSL = new TlsRequirement(Type.SSL, "", "", "");
    public static final TlsRequirement X509 = new TlsRequirement(Type.X509, "", "", "");

    public TlsRequirement {
        cipher = cipher == null ? "" : cipher;
        issuer = issuer == null ? "" : issuer;
        subject = subject == null ? "" : subject;
    }

    /** From the columns of a mysql.user row. */
    public static TlsRequirement stored(String sslType, String cipher, String issuer, String subject) {
        return new TlsRequirement(Type.ofStored(sslType), cipher, issuer, subject);
    }

    /**
     * Whether a client on {@code peer}'s connection (null: plain TCP) meets the clause. As MySQL:
     * SSL needs TLS; X509 a client certificate the server's CA signed; SPECIFIED a certificate too,
     * with the issuer and subject named, and the cipher named.
     */
    public boolean admits(TlsPeer peer) {
        return switch (type) {
            case NONE -> true;
            case SSL -> peer != null;
            case X509 -> peer != null && peer.hasCertificate();
            case SPECIFIED -> peer != null
                    && (cipher.isEmpty() || cipher.equals(peer.cipher()))
                    && ((issuer.isEmpty() && subject.isEmpty()) || peer.hasCertificate())
                    && (issuer.isEmpty() || issuer.equals(peer.issuer()))
                    && (subject.isEmpty() || subject.equals(peer.subject()));
        };
    }

    /** The clause as SHOW CREATE USER prints it, with its leading space. */
    public String clause() {
        return switch (type) {
            case NONE -> " REQUIRE NONE";
            case SSL -> " REQUIRE SSL";
            case X509 -> " REQUIRE X509";
            case SPECIFIED -> {
                StringBuilder b = new StringBuilder(" REQUIRE");
                if (!issuer.isEmpty()) b.append(" ISSUER ").append(quoted(issuer));
                if (!subject.isEmpty()) b.append(" SUBJECT ").append(quoted(subject));
                if (!cipher.isEmpty()) b.append(" CIPHER ").append(quoted(cipher));
                yield b.toString();
            }
        };
    }

    private static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
