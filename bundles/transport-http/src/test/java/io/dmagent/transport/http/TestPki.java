package io.dmagent.transport.http;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA and the certificates the TLS tests need, made with BouncyCastle's PKIX classes: server
 * certificates for given names and validity, self-signed ones, client certificates.
 */
final class TestPki {
  static final String PASSWORD = "test-store-pw";
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private TestPki(KeyPair caKeys, X509Certificate caCertificate) {
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /** The key and certificate chain of one party. */
  record Issued(PrivateKey key, X509Certificate[] chain) {
    KeyStore keyStore() throws GeneralSecurityException, IOException {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, PASSWORD.toCharArray(), chain);
      return store;
    }

    KeyStoreFile write(Path file) throws GeneralSecurityException, IOException {
      return TestPki.write(keyStore(), file);
    }
  }

  static TestPki create(String name) throws Exception {
    KeyPair keys = ecKeys();
    X500Name subject = new X500Name("CN=" + name);
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(2))),
            subject,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new TestPki(keys, sign(b, keys.getPrivate()));
  }

  X509Certificate certificate() {
    return caCertificate;
  }

  /** A server certificate for localhost and 127.0.0.1, valid now. */
  Issued server() throws Exception {
    return server(
        new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        },
        Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1)));
  }

  Issued server(GeneralName[] names, Instant notBefore, Instant notAfter) throws Exception {
    return issue("server", names, notBefore, notAfter, KeyPurposeId.id_kp_serverAuth);
  }

  Issued client(String name) throws Exception {
    return issue(
        name,
        null,
        Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1)),
        KeyPurposeId.id_kp_clientAuth);
  }

  private Issued issue(
      String cn, GeneralName[] names, Instant notBefore, Instant notAfter, KeyPurposeId purpose)
      throws Exception {
    KeyPair keys = ecKeys();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            caCertificate,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Name("CN=" + cn),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    if (names != null) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return new Issued(
        keys.getPrivate(), new X509Certificate[] {sign(b, caKeys.getPrivate()), caCertificate});
  }

  /** A certificate for localhost that no CA signed. */
  static Issued selfSigned() throws Exception {
    TestPki alone = create("localhost");
    return new Issued(alone.caKeys.getPrivate(), new X509Certificate[] {alone.caCertificate});
  }

  /** A trust store holding this CA's certificate, written to {@code file}. */
  KeyStoreFile trustStore(Path file) throws GeneralSecurityException, IOException {
    return write(trustStore(), file);
  }

  KeyStore trustStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", caCertificate);
    return store;
  }

  static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  private static KeyStoreFile write(KeyStore store, Path file)
      throws GeneralSecurityException, IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return new KeyStoreFile(file, "PKCS12", Secret.of(PASSWORD));
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
