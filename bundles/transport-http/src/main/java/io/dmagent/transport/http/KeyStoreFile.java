package io.dmagent.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key store or trust store on disk: its path, type (PKCS12, JKS) and password. The password
 * prints as {@code ***}.
 */
public record KeyStoreFile(Path path, String type, Secret password) {
  public KeyStoreFile {
    Objects.requireNonNull(path);
    Objects.requireNonNull(password);
    type = type == null || type.isBlank() ? "PKCS12" : type.trim();
  }

  /** Reads the store; the failure names the file, never the password. */
  KeyStore load() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type);
    char[] pw = password.chars();
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, pw.length == 0 ? null : pw);
      return store;
    } catch (IOException e) {
      // KeyStore reports a wrong password as an IOException whose message is safe but vague.
      throw new IOException("cannot read " + type + " store " + path + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }
}
