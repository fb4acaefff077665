package io.minisqld.server.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's TLS certificate and key: those {@code ssl_cert} / {@code ssl_key} (and
 * {@code ssl_ca}) name, or, as MySQL 5.7's {@code auto_generate_certs} does at first start, a CA,
 * a server and a client certificate with their RSA keys generated into the datadir ({@code ca.pem},
 * {@code ca-key.pem}, {@code server-cert.pem}, {@code server-key.pem}, {@code client-cert.pem},
 * {@code client-key.pem}; keys readable by the owner only). Generated with the JDK alone: the
 * few DER structures of an X.509 v3 certificate are written here and the JDK parses and verifies
 * the result, so no crypto library is added for three certificates. The server certificate names
 * {@code localhost} and {@code 127.0.0.1}, so a client that verifies the server's identity against
 * {@code ca.pem} accepts it on this machine.
 */
public final class TlsMaterial {
    private static final String CA = "ca.pem";
    private static final String CA_KEY = "ca-key.pem";
    private static final String SERVER_CERT = "server-cert.pem";
    private static final String SERVER_KEY = "server-key.pem";
    private static final String CLIENT_CERT = "client-cert.pem";
    private static final String CLIENT_KEY = "client-key.pem";

    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final List<X509Certificate> authorities;

    private TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> authorities) {
        this.certificate = chain.get(0);
        this.chain = List.copyOf(chain);
        this.key = key;
        this.authorities = List.copyOf(authorities);
    }

    /** The files {@code ssl_cert}, {@code ssl_key} and (optionally) {@code ssl_ca} name: PEM. */
    public static TlsMaterial load(Path cert, Path key, Path ca) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>(certificates(Files.readAllBytes(cert)));
        List<X509Certificate> authorities = ca == null ? List.of() : certificates(Files.readAllBytes(ca));
        chain.addAll(authorities);
        return new TlsMaterial(chain, privateKey(Files.readString(key)), authorities);
    }

    /** The datadir's generated files, made at the first start that finds none of them. */
    public static TlsMaterial inDatadir(Path datadir, String version) throws IOException, GeneralSecurityException {
        Path cert = datadir.resolve(SERVER_CERT);
        if (!Files.exists(cert) && !Files.exists(datadir.resolve(CA))) generate(datadir, version);
        return load(cert, datadir.resolve(SERVER_KEY), datadir.resolve(CA));
    }

    /** Whether the datadir holds generated certificates. */
    public static boolean generatedIn(Path datadir) {
        return Files.exists(datadir.resolve(SERVER_CERT));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** True when {@code ssl_ca} named the CA that client certificates are checked against. */
    public boolean checksClientCertificates() {
        return !authorities.isEmpty();
    }

    /** Key managers that present this certificate and key (also a replica's client certificate). */
    public javax.net.ssl.KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] none = new char[0];
        store.setKeyEntry("key", key, none, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, none);
        return kmf.getKeyManagers();
    }

    /**
     * A server-side TLS context with this certificate and key, trusting the CA's certificates (and
     * only them) for the certificates clients send.
     */
    public SSLContext sslContext() throws GeneralSecurityException, IOException {
        TrustManager[] trust = null;
        if (!authorities.isEmpty()) {
            KeyStore cas = KeyStore.getInstance("PKCS12");
            cas.load(null, null);
            for (int i = 0; i < authorities.size(); i++) cas.setCertificateEntry("ca" + i, authorities.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(cas);
            trust = tmf.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(), trust, new SecureRandom());
        return context;
    }

    // ------------------------------------------------------------ generation

    private static void generate(Path datadir, String version) throws IOException, GeneralSecurityException {
        String prefix = "MySQL_Server_" + version + "_Auto_Generated_";
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair caKeys = rsa.generateKeyPair();
        KeyPair serverKeys = rsa.generateKeyPair();
        KeyPair clientKeys = rsa.generateKeyPair();
        byte[] caName = name(prefix + "CA_Certificate");
        byte[] ca = certificate(1, caName, caName, caKeys.getPublic().getEncoded(), caKeys.getPrivate(), true);
        byte[] server = certificate(2, caName, name(prefix + "Server_Certificate"), serverKeys.getPublic().getEncoded(),
                caKeys.getPrivate(), false);
        byte[] client = certificate(3, caName, name(prefix + "Client_Certificate"), clientKeys.getPublic().getEncoded(),
                caKeys.getPrivate(), false);
        // the JDK must read back what was written, and the CA's key must have signed the others
        X509Certificate caCert = certificates(pem("CERTIFICATE", ca).getBytes(StandardCharsets.US_ASCII)).get(0);
        for (byte[] c : List.of(ca, server, client)) {
            certificates(pem("CERTIFICATE", c).getBytes(StandardCharsets.US_ASCII)).get(0).verify(caCert.getPublicKey());
        }
        write(datadir.resolve(CA), pem("CERTIFICATE", ca), false);
        write(datadir.resolve(CA_KEY), pem("PRIVATE KEY", caKeys.getPrivate().getEncoded()), true);
        write(datadir.resolve(SERVER_CERT), pem("CERTIFICATE", server), false);
        write(datadir.resolve(SERVER_KEY), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()), true);
        write(datadir.resolve(CLIENT_CERT), pem("CERTIFICATE", client), false);
        write(datadir.resolve(CLIENT_KEY), pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()), true);
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: the file keeps the default ones
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** An X.509 v3 certificate, signed with SHA-256 and RSA; valid for ten years from now. */
    private static byte[] certificate(long serial, byte[] issuer, byte[] subject, byte[] publicKeyInfo,
                                      PrivateKey signer, boolean ca) throws GeneralSecurityException {
        byte[] algorithm = seq(oid(1, 2, 840, 113549, 1, 1, 11), new byte[] {0x05, 0x00});
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
        byte[] validity = seq(time(now.minusMinutes(5)), time(now.plusYears(10)));
        List<byte[]> extensions = new ArrayList<>();
        // basicConstraints, critical: CA:TRUE for the CA, CA:FALSE for the others
        extensions.add(seq(oid(2, 5, 29, 19), new byte[] {0x01, 0x01, (byte) 0xFF},
                tlv(0x04, ca ? seq(new byte[] {0x01, 0x01, (byte) 0xFF}) : seq())));
        if (!ca) {
            // subjectAltName: DNS localhost, IP 127.0.0.1
            byte[] names = seq(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    tlv(0x87, new byte[] {127, 0, 0, 1}));
            extensions.add(seq(oid(2, 5, 29, 17), tlv(0x04, names)));
        }
        byte[] tbs = seq(tlv(0xA0, integer(BigInteger.TWO)), integer(BigInteger.valueOf(serial)), algorithm, issuer,
                validity, subject, publicKeyInfo, tlv(0xA3, seq(extensions.toArray(new byte[0][]))));
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(signer);
        sign.update(tbs);
        byte[] signature = sign.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        return seq(tbs, algorithm, tlv(0x03, bits));
    }

    /** A Name with one common name. */
    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(oid(2, 5, 4, 3), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(ZonedDateTime t) {
        if (t.getYear() < 2050) {
            return tlv(0x17, t.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, t.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            long v = arcs[i];
            byte[] groups = new byte[10];
            int n = 0;
            do {
                groups[n++] = (byte) (v & 0x7F);
                v >>>= 7;
            } while (v != 0);
            for (int k = n - 1; k >= 0; k--) out.write(groups[k] | (k > 0 ? 0x80 : 0));
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return tlv(0x30, out.toByteArray());
    }

    /** One DER value: tag, definite length, content. */
    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 128) {
            out.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    // ------------------------------------------------------------ PEM

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static List<X509Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) throw new GeneralSecurityException("no certificate in the file");
        return out;
    }

    /** A PEM private key: PKCS#8 ("PRIVATE KEY") or PKCS#1 RSA ("RSA PRIVATE KEY", as MySQL writes it). */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        if (pkcs1) {
            // PKCS#8 around PKCS#1: version 0, rsaEncryption, the key as an octet string
            der = seq(integer(BigInteger.ZERO), seq(oid(1, 2, 840, 113549, 1, 1, 1), new byte[] {0x05, 0x00}),
                    tlv(0x04, der));
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
