package io.dmagent.download;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP client downloads use, and whom it trusts over https: the JDK's CA certificates and the
 * certificates of the configured TLS trust store (the demo's CA, an operator's own CA). The store
 * is read again when its file changes: the demo's CA is made by the reference server, which may
 * start after this bundle. Host names are always checked (the JDK client's endpoint
 * identification).
 */
final class TlsTrust {
  private final Optional<Path> store;
  private final char[] password;
  private final Duration connectTimeout;
  private final DownloadLog log;

  private String version; // guarded by this
  private HttpClient client; // guarded by this

  /**
   * @param store the trust store (PKCS12); empty: the JDK's CA certificates only
   */
  TlsTrust(Optional<Path> store, char[] password, Duration connectTimeout, DownloadLog log) {
    this.store = store;
    this.password = password.clone();
    this.connectTimeout = connectTimeout;
    this.log = log;
  }

  /** The client for the next download, made again when the trust store changed. */
  synchronized HttpClient client() {
    String now = store.map(TlsTrust::version).orElse("none");
    if (client == null || !now.equals(version)) {
      client =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(connectTimeout)
              .sslContext(context())
              .build();
      version = now;
    }
    return client;
  }

  private static String version(Path file) {
    try {
      return Files.getLastModifiedTime(file) + "/" + Files.size(file);
    } catch (IOException absent) {
      return "absent";
    }
  }

  private SSLContext context() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      int n = 0;
      for (X509Certificate ca : jdkAuthorities()) {
        trusted.setCertificateEntry("jdk-" + n++, ca);
      }
      for (X509Certificate ca : configured()) {
        trusted.setCertificateEntry("configured-" + n++, ca);
      }
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, f.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      log.warn(
          "downloads: TLS cannot be set up (" + e.getMessage() + "): the JDK's defaults apply");
      try {
        return SSLContext.getDefault();
      } catch (GeneralSecurityException none) {
        throw new IllegalStateException("the JDK has no default TLS context", none);
      }
    }
  }

  private static X509Certificate[] jdkAuthorities() throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    for (TrustManager m : f.getTrustManagers()) {
      if (m instanceof X509TrustManager x509) {
        return x509.getAcceptedIssuers();
      }
    }
    return new X509Certificate[0];
  }

  /** The configured store's certificates; none (and one line) when it cannot be read. */
  private java.util.List<X509Certificate> configured() {
    if (store.isEmpty()) {
      return java.util.List.of();
    }
    try {
      java.util.List<X509Certificate> out =
          TrustStore.load(store.get(), password).stream().map(TrustAnchor::getTrustedCert).toList();
      if (out.isEmpty()) {
        log.warn(
            "downloads: no certificate in the TLS trust store "
                + store.get()
                + " (yet): https downloads trust the JDK's CA certificates only");
      }
      return out;
    } catch (IOException | GeneralSecurityException e) {
      log.warn(
          "downloads: TLS trust store "
              + store.get()
              + " unreadable ("
              + e.getClass().getSimpleName()
              + "): https downloads trust the JDK's CA certificates only");
      return java.util.List.of();
    }
  }
}
