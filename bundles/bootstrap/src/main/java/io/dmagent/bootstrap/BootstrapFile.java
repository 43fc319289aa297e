package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.push.PushContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A bootstrap file of the factory folder or of {@code dm:bootstrap}: its content type from its
 * extension ({@code .wbxml}, {@code .xml} DM profile; {@code .cp.wbxml}, {@code .cp.xml} CP
 * profile) and its security from an optional sidecar {@code <file name>.sec} holding the content
 * type's parameters ({@code SEC=0; MAC=4f2a...}). Read with a bound: a larger file is never read
 * whole.
 */
final class BootstrapFile {
  static final String SIDECAR = ".sec";

  private BootstrapFile() {}

  /** The bare content type a file's name gives, if it is a bootstrap file. */
  static Optional<String> contentType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".cp.wbxml")) {
      return Optional.of(PushContentType.CP_PROVISIONING_WBXML.mimeType());
    }
    if (name.endsWith(".cp.xml")) {
      return Optional.of(PushContentType.CP_PROVISIONING_XML.mimeType());
    }
    if (name.endsWith(".wbxml")) {
      return Optional.of(PushContentType.DM_MESSAGE_WBXML.mimeType());
    }
    if (name.endsWith(".xml")) {
      return Optional.of(PushContentType.DM_MESSAGE_XML.mimeType());
    }
    return Optional.empty();
  }

  static Path sidecar(Path file) {
    return file.resolveSibling(file.getFileName() + SIDECAR);
  }

  /**
   * The message of {@code file} as a factory bootstrap, its body cut at {@code bound + 1} bytes so
   * that an oversized file is refused as such without being read whole.
   */
  static BootstrapMessage read(Path file, int bound) throws IOException {
    String type =
        contentType(file).orElseThrow(() -> new IOException("not a bootstrap file name: " + file));
    Path sec = sidecar(file);
    if (Files.isRegularFile(sec)) {
      String params = new String(readBounded(sec, 1024), StandardCharsets.US_ASCII).trim();
      type = type + "; " + params.replace('\n', ';').replace('\r', ' ');
    }
    return new BootstrapMessage(
        BootstrapSource.FACTORY_FILE,
        type,
        readBounded(file, bound + 1),
        file.getFileName().toString(),
        false);
  }

  private static byte[] readBounded(Path file, int bound) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(bound);
    }
  }
}
