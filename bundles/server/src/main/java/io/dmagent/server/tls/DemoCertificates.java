package io.dmagent.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
 * The demo's certificates, made on the gateway at first start rather than shipped (a private key
 * committed to git is everyone's key): a demo CA, and a server certificate it signs for localhost
 * and 127.0.0.1. The server's key store is written owner-read-only; the CA's certificate goes to a
 * trust store of its own, which the agent's HTTP binding is configured to trust. The CA's private
 * key is not kept: nothing else will ever be signed with it.
 */
public final class DemoCertificates {
  private static final Duration VALIDITY = Duration.ofDays(825);

  private DemoCertificates() {}

  /**
   * Writes {@code serverStore} (key entry "server") and {@code caStore} (certificate entry
   * "demo-ca") unless the server store exists already; true when it made them.
   */
  public static boolean ensure(Path serverStore, Path caStore, char[] password)
      throws IOException, GeneralSecurityException {
    if (Files.exists(serverStore)) {
      return false;
    }
    KeyPair caKeys = ecKeys();
    KeyPair serverKeys = ecKeys();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=DM Agent demo CA (this gateway only)");
    X509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
            caName, serial(), from(now), Date.from(now.plus(VALIDITY)), caName, caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    ca.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate caCert = sign(ca, caKeys.getPrivate());
    X509v3CertificateBuilder server =
        new JcaX509v3CertificateBuilder(
            caCert,
            serial(),
            from(now),
            Date.from(now.plus(VALIDITY)),
            new X500Name("CN=localhost"),
            serverKeys.getPublic());
    server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    server.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    server.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    X509Certificate serverCert = sign(server, caKeys.getPrivate());

    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server", serverKeys.getPrivate(), password, new X509Certificate[] {serverCert, caCert});
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("demo-ca", caCert);

    Files.createDirectories(serverStore.toAbsolutePath().getParent());
    write(trust, caStore, password, false);
    // Last, so that a half-made set is made again at the next start.
    write(keys, serverStore, password, true);
    return true;
  }

  private static void write(KeyStore store, Path file, char[] password, boolean secret)
      throws IOException, GeneralSecurityException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // Created owner-only, never readable by others even for a moment.
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(tmp);
    }
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
      store.store(out, password);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static Date from(Instant now) {
    // An hour back: a gateway clock slightly behind the server's still accepts the certificate.
    return Date.from(now.minus(Duration.ofHours(1)));
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign the demo certificate", e);
    }
  }
}
