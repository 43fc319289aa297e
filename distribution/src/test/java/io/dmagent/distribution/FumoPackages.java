package io.dmagent.distribution;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;

/**
 * Firmware packages for the FUMO tests: the build's own signed package (target/), the same build
 * re-packed under another version (or broken on purpose) and signed with the build's key, as a
 * release engineer would with jarsigner, and a loopback HTTP server that serves them.
 */
final class FumoPackages implements AutoCloseable {
  static final String KEY_STORE = "target/fumo-signing/release.p12";
  static final String KEY_PASSWORD = "dmagent-test-signer";

  private final Path folder;
  private final HttpServer server;

  FumoPackages(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file = folder.resolve(exchange.getRequestURI().getPath().substring(1));
          if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
              Files.copy(file, out);
            }
          }
          exchange.close();
        });
    server.start();
  }

  URI uri(String name) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
  }

  /** The package the build made and signed. */
  static Path built() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("dmagent-.*-fumo\\.jar"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no target/dmagent-*-fumo.jar: run package"));
    }
  }

  /** The version the build's package carries. */
  static String builtVersion() throws IOException {
    try (ZipFile zip = new ZipFile(built().toFile())) {
      try (InputStream in = zip.getInputStream(zip.getEntry("RELEASE"))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().substring(8);
      }
    }
  }

  /** Serves the build's own package as {@code name}. */
  URI serveBuilt(String name) throws IOException {
    Files.copy(built(), folder.resolve(name));
    return uri(name);
  }

  /**
   * Serves the build re-packed as {@code version}, its entries changed by {@code edit} first, and
   * signed with the build's key.
   */
  URI serveRepacked(String name, String version, Consumer<Map<String, byte[]>> edit)
      throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(built().toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
          try (InputStream in = zip.getInputStream(entry)) {
            entries.put(entry.getName(), in.readAllBytes());
          }
        }
      }
    }
    entries.put("RELEASE", ("version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
    edit.accept(entries);
    Path unsigned = folder.resolve(name + ".unsigned");
    write(unsigned, entries);
    sign(unsigned, folder.resolve(name));
    return uri(name);
  }

  /** Serves a copy of {@code signed} with one entry's bytes changed after signing. */
  URI serveTampered(String name, String signed, String entry) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(folder.resolve(signed).toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry z = e.nextElement();
        if (!z.isDirectory()) {
          try (InputStream in = zip.getInputStream(z)) {
            entries.put(z.getName(), in.readAllBytes());
          }
        }
      }
    }
    byte[] bytes = entries.get(entry);
    byte[] changed = Arrays.copyOf(bytes, bytes.length + 1);
    changed[bytes.length] = '\n';
    entries.put(entry, changed);
    write(folder.resolve(name), entries);
    return uri(name);
  }

  private static void write(Path file, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
  }

  private static void sign(Path unsigned, Path signed) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(KEY_STORE))) {
      keys.load(in, KEY_PASSWORD.toCharArray());
    }
    PrivateKey key = (PrivateKey) keys.getKey("release", KEY_PASSWORD.toCharArray());
    CertPath chain =
        CertificateFactory.getInstance("X.509")
            .generateCertPath(
                Arrays.stream(keys.getCertificateChain("release"))
                    .map(c -> (X509Certificate) c)
                    .toList());
    try (ZipFile in = new ZipFile(unsigned.toFile());
        OutputStream out = Files.newOutputStream(signed)) {
      new JarSigner.Builder(key, chain).build().sign(in, out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
